namespace Lamdas.Reporting;

/// <summary>Prefix-training curves: train and validation NLL per epoch, and the base model's validation NLL.</summary>
internal static class LossChart
{
    public static string Render(ReportData data)
    {
        var epochs = data.PrefixLoss.OrderBy(p => p.Epoch).ToList();
        if (epochs.Count == 0)
        {
            return Placeholder.Html("No prefix training for this method.");
        }

        var values = epochs.SelectMany(p => new[] { p.TrainNll, p.ValidationNll })
            .Append(data.ValidationNllBase ?? double.NaN)
            .Where(double.IsFinite)
            .ToList();
        var yScale = values.Count == 0 ? NiceScale.Covering(0, 1) : NiceScale.Covering(values.Min(), values.Max());
        var first = epochs[0].Epoch;
        var last = Math.Max(first + 1, epochs[^1].Epoch);
        var xScale = NiceScale.Covering(first, last, Math.Min(11, last - first + 1));
        var step = Math.Max(1, Math.Round(xScale.Step));
        var plot = new PlotArea(first, last, yScale.Min, yScale.Max);
        var svg = new SvgBuilder(PlotArea.Width, PlotArea.Height, "chart loss", "Prefix training loss per epoch");
        var xTicks = new List<(double, string)>();
        for (var e = Math.Ceiling(first / step) * step; e <= last; e += step)
        {
            xTicks.Add((e, Format.Count((long)e)));
        }

        plot.DrawAxes(svg, xTicks, PlotArea.Labelled(yScale), "epoch", "mean token NLL");
        if (data.ValidationNllBase is { } baseNll && double.IsFinite(baseNll))
        {
            svg.Line(PlotArea.Left, plot.Y(baseNll), PlotArea.Right, plot.Y(baseNll), "base-line")
                .Text(PlotArea.Left + 6, plot.Y(baseNll) - 5, $"no prefix: {Format.Score(baseNll)}", "line-label");
        }

        Curve(svg, plot, epochs.Select(p => (p.Epoch, p.TrainNll)), "train");
        Curve(svg, plot, epochs.Select(p => (p.Epoch, p.ValidationNll)), "validation");
        var check = data.PrefixLossHeldOut ? "validation" : "training set after the epoch";
        PlotArea.DrawLegend(svg, ("swatch-train", "train"), ("swatch-validation", check), ("swatch-base", "base model"));
        return svg.ToString();
    }

    private static void Curve(SvgBuilder svg, PlotArea plot, IEnumerable<(int Epoch, double Nll)> points, string name)
    {
        var finite = points.Where(p => double.IsFinite(p.Nll)).Select(p => (plot.X(p.Epoch), plot.Y(p.Nll))).ToList();
        if (finite.Count > 1)
        {
            svg.Polyline(finite, "line-" + name);
        }

        foreach (var (x, y) in finite)
        {
            svg.Circle(x, y, 3, "marker-" + name);
        }
    }
}
