namespace Lamdas.Reporting;

/// <summary>The page's only stylesheet, inlined; no fonts, images or other external resources.</summary>
internal static class ReportStyles
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #1d2330; background: #fff; }
        h1 { font-size: 1.6em; margin: 0 0 4px 0; }
        h2 { font-size: 1.2em; margin: 32px 0 8px 0; border-bottom: 1px solid #dde1e8; padding-bottom: 4px; }
        .subtitle { color: #5a6272; margin: 0; }
        .subtitle code { background: #f1f3f6; padding: 1px 5px; border-radius: 3px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
        .card { border: 1px solid #dde1e8; border-radius: 6px; padding: 10px 14px; min-width: 130px; }
        .card-label { color: #5a6272; font-size: 0.85em; }
        .card-value { font-size: 1.4em; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card-note { color: #7a8292; font-size: 0.8em; min-height: 1em; }
        svg.chart { max-width: 100%; height: auto; font-size: 11px; }
        svg .grid { stroke: #eceef2; }
        svg .axis, svg .tick { stroke: #5a6272; }
        svg .tick-label, svg .legend-label, svg .line-label { fill: #3a4252; }
        svg .axis-title { fill: #1d2330; font-size: 12px; }
        svg .bar-selected, svg .swatch-selected, svg .point-selected { fill: #2f6fb0; }
        svg .bar-rejected, svg .swatch-rejected, svg .point-rejected { fill: #e0a458; }
        svg .point-selected, svg .point-rejected { fill-opacity: 0.55; }
        svg .line-train, svg .marker-train, svg .swatch-train { stroke: #2f6fb0; fill: #2f6fb0; }
        svg .line-validation, svg .marker-validation, svg .swatch-validation { stroke: #c0392b; fill: #c0392b; }
        svg .line-train, svg .line-validation { fill: none; stroke-width: 2; }
        svg .base-line { stroke: #7a8292; stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .swatch-base { fill: #7a8292; }
        svg .line-precision, svg .swatch-precision { stroke: #2f6fb0; fill: #2f6fb0; }
        svg .line-recall, svg .swatch-recall { stroke: #c0392b; fill: #c0392b; }
        svg .line-precision, svg .line-recall { fill: none; stroke-width: 2; }
        svg .threshold-line { stroke: #1d2330; stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg .threshold-label { fill: #1d2330; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        h3 { font-size: 1em; margin: 18px 0 6px 0; color: #3a4252; }
        table.domains { margin-top: 10px; }
        table.domains th.num { text-align: right; }
        tr.leak td { color: #8a4b0f; }
        tr.leak td:first-child { font-weight: 600; }
        .lead { margin: 8px 0 0 0; }
        .lead code { background: #f1f3f6; padding: 1px 5px; border-radius: 3px; }
        .note { color: #5a6272; font-size: 0.9em; margin: 6px 0 0 0; }
        table.cascade { margin-top: 14px; }
        .empty { color: #7a8292; font-style: italic; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #eceef2; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.id { font-family: ui-monospace, monospace; white-space: nowrap; }
        .snippet { white-space: pre-wrap; word-break: break-word; font-family: ui-monospace, monospace; font-size: 0.85em; max-height: 9em; overflow: auto; }
        table.facts th { width: 28%; color: #5a6272; font-weight: 500; }
        footer { margin-top: 40px; color: #7a8292; font-size: 0.8em; }
        """;
}
