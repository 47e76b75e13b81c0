namespace Lamdas.Reporting;

/// <summary>
/// Score against document length (log₁₀ of the tokens scored, or of the whole document's characters when the tokens
/// scored stop at max tokens), selected points drawn over rejected ones.
/// </summary>
internal static class ScatterChart
{
    public static string Render(ReportData data)
    {
        var sampled = Sample(data.ScoreVsLength.Where(p => double.IsFinite(p.Score)).ToList(), HtmlReport.MaxScatterPoints);
        if (sampled.Count == 0)
        {
            return Placeholder.Html("No score-vs-length sample for this job.");
        }

        var (low, high) = Fences(sampled);
        var points = sampled.Where(p => p.Score >= low && p.Score <= high).ToList();
        var left = sampled.Count - points.Count;

        static double LogTokens(int tokens) => Math.Log10(Math.Max(1, tokens));
        var xMin = Math.Floor(points.Min(p => LogTokens(p.Tokens)));
        var xMax = Math.Max(xMin + 1, Math.Ceiling(points.Max(p => LogTokens(p.Tokens))));
        var yScale = NiceScale.Covering(points.Min(p => p.Score), points.Max(p => p.Score));
        var plot = new PlotArea(xMin, xMax, yScale.Min, yScale.Max);
        var svg = new SvgBuilder(PlotArea.Width, PlotArea.Height, "chart scatter", "Score against document length");
        var xTicks = Enumerable.Range((int)xMin, (int)(xMax - xMin) + 1).Select(e => ((double)e, PowerOfTen(e))).ToList();
        plot.DrawAxes(svg, xTicks, PlotArea.Labelled(yScale),
            data.LengthInCharacters ? "document length in characters, before any cut (log scale)" : "tokens scored (log scale)", "score");

        foreach (var selected in new[] { false, true })
        {
            foreach (var point in points.Where(p => p.Selected == selected))
            {
                svg.Circle(plot.X(LogTokens(point.Tokens)), plot.Y(point.Score), 2, selected ? "point-selected" : "point-rejected");
            }
        }

        PlotArea.DrawLegend(svg, ("swatch-selected", "selected"), ("swatch-rejected", "rejected"));
        var notes = new List<string>();
        if (data.LengthNote is { } note)
        {
            notes.Add(note);
        }

        if (left > 0)
        {
            notes.Add($"{Format.Count(left)} of {Format.Count(sampled.Count)} documents, scored below {Format.Score(low)} or above "
                + $"{Format.Score(high)} (far outside the 0.5 % to 99.5 % quantiles), are not drawn, so that the rest keeps its scale.");
        }

        return svg.ToString() + (notes.Count > 0 ? $"<p class=\"note\" id=\"scatter-caption\">{Html.Escape(string.Join(" ", notes))}</p>" : "");
    }

    /// <summary>
    /// The score range drawn: the 0.5 % and 99.5 % quantiles widened by a quarter of their distance on each side, so
    /// that only far outliers are left out (none when the widened range is not finite).
    /// </summary>
    private static (double Low, double High) Fences(IReadOnlyList<(int Tokens, double Score, bool Selected)> points)
    {
        var range = ReportHistogram.Build(points.Select(p => (p.Score, p.Selected)), bins: 1);
        var (low, high) = (range.Edges[0], range.Edges[^1]);
        var pad = (high - low) / 4;
        return double.IsFinite(pad) && double.IsFinite(low - pad) && double.IsFinite(high + pad)
            ? (low - pad, high + pad)
            : (double.NegativeInfinity, double.PositiveInfinity);
    }

    /// <summary>Every point when there are few enough; otherwise an evenly strided subset of exactly <paramref name="max"/>.</summary>
    private static IReadOnlyList<(int Tokens, double Score, bool Selected)> Sample(
        List<(int Tokens, double Score, bool Selected)> points, int max) =>
        points.Count <= max ? points : [.. Enumerable.Range(0, max).Select(i => points[(int)((long)i * points.Count / max)])];

    private static string PowerOfTen(int exponent) => exponent switch
    {
        < 3 => Format.Count((long)Math.Pow(10, exponent)),
        < 6 => Format.Count((long)Math.Pow(10, exponent - 3)) + "k",
        < 9 => Format.Count((long)Math.Pow(10, exponent - 6)) + "M",
        _ => "1e" + Format.Count(exponent),
    };
}
