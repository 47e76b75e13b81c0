namespace Lamdas.Reporting;

/// <summary>
/// Precision and recall against the threshold, over the histogram's score range so that the two charts line up, with
/// the job's threshold marked.
/// </summary>
internal static class PrecisionRecallChart
{
    public static string Render(ReportData data, ReportLabels labels)
    {
        var curve = labels.Curve.Where(p => double.IsFinite(p.Threshold) && double.IsFinite(p.Precision) && double.IsFinite(p.Recall)).ToList();
        if (curve.Count == 0)
        {
            return Placeholder.Html("No labelled document has a score: no precision/recall curve.");
        }

        var (xMin, xMax) = data.Histogram.Edges.Count > 1
            ? (data.Histogram.Edges[0], data.Histogram.Edges[^1])
            : (curve.Min(p => p.Threshold), curve.Max(p => p.Threshold));
        if (data.Threshold is { } t && double.IsFinite(t) && t >= curve[0].Threshold && t <= curve[^1].Threshold)
        {
            (xMin, xMax) = (Math.Min(xMin, t), Math.Max(xMax, t));
        }

        if (xMax <= xMin)
        {
            (xMin, xMax) = (xMin - 0.5, xMin + 0.5);
        }

        var inRange = curve.Where(p => p.Threshold >= xMin && p.Threshold <= xMax).ToList();
        var xScale = NiceScale.Covering(xMin, xMax);
        var plot = new PlotArea(xMin, xMax, 0, 1);
        var svg = new SvgBuilder(PlotArea.Width, PlotArea.Height, "chart precision-recall", "Precision and recall against the threshold");
        var xTicks = PlotArea.Labelled(xScale).Where(p => p.Value >= xMin && p.Value <= xMax).ToList();
        var yTicks = Enumerable.Range(0, 6).Select(i => (i / 5.0, Format.Count(i * 20) + "%")).ToList();
        plot.DrawAxes(svg, xTicks, yTicks, "threshold (a document is kept when its score exceeds it)", "share");
        if (inRange.Count > 0)
        {
            svg.Polyline(inRange.Select(p => (plot.X(p.Threshold), plot.Y(p.Precision))), "line-precision")
                .Polyline(inRange.Select(p => (plot.X(p.Threshold), plot.Y(p.Recall))), "line-recall");
        }

        if (data.Threshold is { } threshold && threshold >= xMin && threshold <= xMax)
        {
            var label = $"threshold {Format.Score(threshold)}";
            if (data.SelectedPrecision is { } precision && data.SelectedRecall is { } recall)
            {
                label += $": precision {Format.Percent(precision)}, recall {Format.Percent(recall)}";
            }

            ThresholdMarker.Draw(svg, plot.X(threshold), label);
        }

        PlotArea.DrawLegend(svg, ("swatch-precision", "precision"), ("swatch-recall", "recall"));
        return svg.ToString();
    }
}
