namespace Lamdas.Reporting;

/// <summary>
/// Score histogram: per bin, the selected count stacked under the rejected count; the threshold as a dashed line; a
/// caption that says what the threshold means and which documents lie outside the drawn range.
/// </summary>
internal static class HistogramChart
{
    public static string Render(ReportData data)
    {
        var edges = data.Histogram.Edges;
        if (edges.Count == 0)
        {
            return Placeholder.Html("No score histogram for this job.");
        }

        var bins = edges.Count - 1;
        var totals = Enumerable.Range(0, bins).Select(i => data.Histogram.Selected[i] + data.Histogram.Rejected[i]).ToArray();
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
            var tooltip = $"{range}: {Format.Count(data.Histogram.Selected[i])} selected, {Format.Count(data.Histogram.Rejected[i])} rejected";
            var selectedHeight = data.Histogram.Selected[i] * plot.YUnit;
            var rejectedHeight = data.Histogram.Rejected[i] * plot.YUnit;
            var attributes = $" data-bin=\"{i}\"";
            if (data.Histogram.Selected[i] > 0)
            {
                svg.Rect(left + gap / 2.0, PlotArea.Bottom - selectedHeight, width - gap, selectedHeight, "bar-selected", tooltip, attributes);
            }

            if (data.Histogram.Rejected[i] > 0)
            {
                svg.Rect(left + gap / 2.0, PlotArea.Bottom - selectedHeight - rejectedHeight, width - gap, rejectedHeight, "bar-rejected", tooltip, attributes);
            }
        }

        if (data.Threshold is { } threshold && threshold >= edges[0] && threshold <= edges[^1])
        {
            ThresholdMarker.Draw(svg, plot.X(threshold), $"threshold {Format.Score(threshold)}");
        }

        PlotArea.DrawLegend(svg, ("swatch-selected", "selected"), ("swatch-rejected", "rejected"));
        return svg.ToString();
    }

    /// <summary>The caption under the histogram: the range drawn and what was left out of it, then what the threshold means.</summary>
    public static string Caption(ReportData data)
    {
        var edges = data.Histogram.Edges;
        var sentences = new List<string>();
        if (edges.Count > 1)
        {
            var range = $"{Format.Score(edges[0])} to {Format.Score(edges[^1])}";
            var bins = edges.Count - 1;
            var drawn = data.Histogram.Tail > 0
                ? $"Scores from the {Quantile(data.Histogram.Tail)} to the {Quantile(1 - data.Histogram.Tail)} quantile ({range}) in {bins} equal bins"
                : $"Scores from {range} in {bins} equal bins";
            var clipped = data.Histogram.ClippedBelow + data.Histogram.ClippedAbove;
            sentences.Add(clipped == 0
                ? drawn + "; no document lies outside."
                : $"{drawn}; {Documents(data.Histogram.ClippedBelow)} below and {Documents(data.Histogram.ClippedAbove)} above are not drawn.");
        }

        if (data.Threshold is { } threshold)
        {
            var marked = edges.Count > 1 && threshold >= edges[0] && threshold <= edges[^1] ? "The dashed line is the threshold" : "The threshold (outside the drawn range) is";
            if (data.Tau is { } tau)
            {
                sentences.Add($"{marked} ln τ = {Format.Score(threshold)} (τ = {Format.Score(tau)}): a document is kept when its score exceeds ln τ, " +
                    $"that is when the domain prefix makes it more than τ = {Format.Score(tau)} times as likely as the model alone does.");
            }
            else if (data.Method == "lamdas")
            {
                sentences.Add($"{marked} the cut-off score {Format.Score(threshold)}: a kept document scores above it, so the domain prefix makes it " +
                    $"more than e^{Format.Score(threshold)} = {Format.Score(Math.Exp(threshold))} times as likely as the model alone does.");
            }
            else
            {
                sentences.Add($"{marked} the cut-off score {Format.Score(threshold)}: a document is kept when its score exceeds it.");
            }
        }

        return sentences.Count == 0 ? "" : $"<p class=\"note\" id=\"histogram-caption\">{Html.Escape(string.Join(" ", sentences))}</p>";
    }

    private static string Quantile(double fraction) =>
        (fraction * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static string Documents(long count) => $"{Format.Count(count)} document{(count == 1 ? "" : "s")}";
}
