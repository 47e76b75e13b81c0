namespace Lamdas.Reporting;

/// <summary>Score histogram: per bin, the selected count stacked under the rejected count.</summary>
internal static class HistogramChart
{
    public static string Render(ReportData data)
    {
        var edges = data.HistogramEdges;
        if (edges.Count == 0)
        {
            return Placeholder.Html("No score histogram for this job.");
        }

        var bins = edges.Count - 1;
        var totals = Enumerable.Range(0, bins).Select(i => data.HistogramSelected[i] + data.HistogramRejected[i]).ToArray();
        var yScale = NiceScale.Covering(0, Math.Max(1, totals.Max()));
        var xScale = NiceScale.Covering(edges[0], edges[^1]);
        var plot = new PlotArea(edges[0], edges[^1], 0, yScale.Max);
        var svg = new SvgBuilder(PlotArea.Width, PlotArea.Height, "chart histogram", "Score histogram, selected vs rejected");
        var xTicks = PlotArea.Labelled(xScale).Where(t => t.Value >= edges[0] && t.Value <= edges[^1]).ToList();
        plot.DrawAxes(svg, xTicks, PlotArea.Labelled(yScale), "score", "documents");

        for (var i = 0; i < bins; i++)
        {
            var left = plot.X(edges[i]);
            var width = plot.X(edges[i + 1]) - left;
            var gap = width > 4 ? 1 : 0;
            var range = $"[{Format.Score(edges[i])}, {Format.Score(edges[i + 1])}{(i == bins - 1 ? "]" : ")")}";
            var tooltip = $"{range}: {Format.Count(data.HistogramSelected[i])} selected, {Format.Count(data.HistogramRejected[i])} rejected";
            var selectedHeight = data.HistogramSelected[i] * plot.YUnit;
            var rejectedHeight = data.HistogramRejected[i] * plot.YUnit;
            var attributes = $" data-bin=\"{i}\"";
            if (data.HistogramSelected[i] > 0)
            {
                svg.Rect(left + gap / 2.0, PlotArea.Bottom - selectedHeight, width - gap, selectedHeight, "bar-selected", tooltip, attributes);
            }

            if (data.HistogramRejected[i] > 0)
            {
                svg.Rect(left + gap / 2.0, PlotArea.Bottom - selectedHeight - rejectedHeight, width - gap, rejectedHeight, "bar-rejected", tooltip, attributes);
            }
        }

        PlotArea.DrawLegend(svg, ("swatch-selected", "selected"), ("swatch-rejected", "rejected"));
        return svg.ToString();
    }
}
