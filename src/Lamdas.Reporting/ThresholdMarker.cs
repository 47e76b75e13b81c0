namespace Lamdas.Reporting;

/// <summary>The selection threshold on a chart with a score x axis: a dashed vertical line with a label at its top.</summary>
internal static class ThresholdMarker
{
    public static void Draw(SvgBuilder svg, double x, string label)
    {
        svg.Line(x, PlotArea.Top, x, PlotArea.Bottom, "threshold-line");
        // The label sits right of the line unless that would run off the plot.
        var right = x + 6 + label.Length * 6.5 <= PlotArea.Right;
        svg.Text(right ? x + 5 : x - 5, PlotArea.Top + 12, label, "threshold-label", right ? "start" : "end");
    }
}
