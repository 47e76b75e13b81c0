namespace Lamdas.Reporting.Tests;

public class ChartTests
{
    private const double Tolerance = 0.011; // coordinates are written with two decimals

    [Fact]
    public void HistogramBarHeightsAreProportionalToCounts()
    {
        // Selected [1, 2, 0, 4], rejected [3, 0, 5, 2] over 4 bins (see Pages.Full).
        long[] selected = [1, 2, 0, 4];
        long[] rejected = [3, 0, 5, 2];
        var svg = Pages.Svg(HtmlReport.Render(Pages.Full), "histogram");
        var selectedBars = Pages.WithClass(svg, "rect", "bar-selected").ToDictionary(r => (int)Pages.Number(r, "data-bin"));
        var rejectedBars = Pages.WithClass(svg, "rect", "bar-rejected").ToDictionary(r => (int)Pages.Number(r, "data-bin"));

        // Zero counts draw no bar.
        Assert.Equal([0, 1, 3], selectedBars.Keys.Order());
        Assert.Equal([0, 2, 3], rejectedBars.Keys.Order());

        // One pixel scale for every bar: height = count × unit.
        var unit = Pages.Number(selectedBars[3], "height") / 4;
        Assert.True(unit > 10, $"unit {unit}");
        foreach (var (bin, bar) in selectedBars)
        {
            Assert.Equal(selected[bin] * unit, Pages.Number(bar, "height"), Tolerance * selected[bin]);
        }

        foreach (var (bin, bar) in rejectedBars)
        {
            Assert.Equal(rejected[bin] * unit, Pages.Number(bar, "height"), Tolerance * rejected[bin]);
        }
    }

    [Fact]
    public void HistogramStacksRejectedOnSelectedAndMatchesTheAxis()
    {
        var svg = Pages.Svg(HtmlReport.Render(Pages.Full), "histogram");
        var selectedBars = Pages.WithClass(svg, "rect", "bar-selected").ToDictionary(r => (int)Pages.Number(r, "data-bin"));
        var rejectedBars = Pages.WithClass(svg, "rect", "bar-rejected").ToDictionary(r => (int)Pages.Number(r, "data-bin"));
        var axisY = Pages.WithClass(svg, "line", "axis").Select(l => Pages.Number(l, "y2")).Max();
        var topGridY = Pages.WithClass(svg, "line", "grid").Select(l => Pages.Number(l, "y1")).Min();

        foreach (var (bin, bar) in selectedBars)
        {
            Assert.Equal(axisY, Pages.Number(bar, "y") + Pages.Number(bar, "height"), Tolerance);
        }

        // Bin 0: rejected sits on selected; bin 2 (no selected) starts at the axis.
        Assert.Equal(Pages.Number(selectedBars[0], "y"), Pages.Number(rejectedBars[0], "y") + Pages.Number(rejectedBars[0], "height"), Tolerance);
        Assert.Equal(axisY, Pages.Number(rejectedBars[2], "y") + Pages.Number(rejectedBars[2], "height"), Tolerance);
        // The tallest stack (bin 3: 4 + 2 = 6) reaches the top tick (0, 2, 4, 6).
        Assert.Equal(topGridY, Pages.Number(rejectedBars[3], "y"), Tolerance);
        Assert.Equal(["0", "2", "4", "6"], YTickLabels(svg));
        // Bins are equally wide over equal-width edges and ordered left to right.
        var xs = selectedBars.OrderBy(b => b.Key).Select(b => Pages.Number(b.Value, "x")).ToArray();
        Assert.Equal(xs[1] - xs[0], (xs[2] - xs[1]) / 2, Tolerance);
    }

    [Fact]
    public void ScatterUsesALogScaleForTokens()
    {
        var svg = Pages.Svg(HtmlReport.Render(Pages.Full), "scatter");
        var rejected = Pages.WithClass(svg, "circle", "point-rejected").Single();
        var selected = Pages.WithClass(svg, "circle", "point-selected").ToArray();
        Assert.Equal(2, selected.Length);
        // Tokens 10, 100, 1000 are equally spaced on a log axis.
        var x10 = Pages.Number(rejected, "cx");
        var x100 = Pages.Number(selected[0], "cx");
        var x1000 = Pages.Number(selected[1], "cx");
        Assert.Equal(x100 - x10, x1000 - x100, 2 * Tolerance);
        Assert.True(x100 > x10);
        // Higher score is higher on the page (smaller y).
        Assert.True(Pages.Number(selected[1], "cy") < Pages.Number(selected[0], "cy"));
        Assert.Contains("1k", TickLabels(svg));
    }

    [Fact]
    public void ScatterDrawsAtMost5000Points()
    {
        var points = Enumerable.Range(1, 12_000).Select(i => (i, i * 0.001, i % 2 == 0)).ToList();
        var svg = Pages.Svg(HtmlReport.Render(Pages.Minimal with { ScoreVsLength = points }), "scatter");
        Assert.Equal(HtmlReport.MaxScatterPoints, svg.Descendants("circle").Count());
    }

    [Fact]
    public void FarOutliersAreLeftOutOfTheScatterAndSaidSo()
    {
        // 400 scores between -5 and 5, and one at -1,000: drawn, it would squeeze the rest into one line.
        var points = Enumerable.Range(0, 400).Select(i => (100 + i, -5 + (i / 40.0), i % 3 == 0))
            .Append((250, -1000.0, false)).ToList();
        var html = HtmlReport.Render(Pages.Minimal with { ScoreVsLength = points });
        var svg = Pages.Svg(html, "scatter");

        Assert.Equal(400, svg.Descendants("circle").Count());
        var scoreTicks = YTickLabels(svg).Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(scoreTicks.Count >= 2 && scoreTicks.All(t => Math.Abs(t) <= 10), "score axis: " + string.Join(", ", scoreTicks));
        Assert.Contains("1 of 401 documents, scored below", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EvenlySpreadScoresAreAllDrawn()
    {
        var points = Enumerable.Range(0, 1000).Select(i => (10 + i, i * 0.01, i % 2 == 0)).ToList();
        var html = HtmlReport.Render(Pages.Minimal with { ScoreVsLength = points });
        Assert.Equal(1000, Pages.Svg(html, "scatter").Descendants("circle").Count());
        Assert.DoesNotContain("are not drawn, so that the rest keeps its scale", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteScoresAreLeftOutOfTheScatter()
    {
        var svg = Pages.Svg(
            HtmlReport.Render(Pages.Minimal with { ScoreVsLength = [(5, double.NaN, true), (7, 1.0, true), (9, double.NegativeInfinity, false)] }),
            "scatter");
        Assert.Single(svg.Descendants("circle"));
    }

    [Fact]
    public void LossChartHasTrainValidationAndBaseLines()
    {
        var svg = Pages.Svg(HtmlReport.Render(Pages.Full), "loss");
        var train = Pages.WithClass(svg, "polyline", "line-train").Single();
        var validation = Pages.WithClass(svg, "polyline", "line-validation").Single();
        Assert.Equal(3, ((string)train.Attribute("points")!).Split(' ').Length);
        Assert.Equal(3, ((string)validation.Attribute("points")!).Split(' ').Length);
        var baseLine = Pages.WithClass(svg, "line", "base-line").Single();
        // Base NLL 3.6 is the largest value, so the line is above every marker.
        var markers = svg.Descendants("circle").Select(c => Pages.Number(c, "cy")).ToArray();
        Assert.Equal(6, markers.Length);
        Assert.True(markers.All(y => y > Pages.Number(baseLine, "y1")));
        Assert.Contains("no prefix: 3.6", svg.Descendants("text").Select(t => t.Value));
    }

    [Fact]
    public void TheLossLegendSaysWhereTheSecondCurveWasMeasured()
    {
        var heldOut = Pages.Svg(HtmlReport.Render(Pages.Full), "loss").Descendants("text").Select(t => t.Value).ToList();
        var trainingSet = Pages.Svg(HtmlReport.Render(Pages.Full with { PrefixLossHeldOut = false }), "loss")
            .Descendants("text").Select(t => t.Value).ToList();
        Assert.Contains("validation", heldOut);
        Assert.DoesNotContain("validation", trainingSet);
        Assert.Contains("training set after the epoch", trainingSet);
    }

    [Fact]
    public void LossChartWithoutBaseHasNoBaseLine()
    {
        var svg = Pages.Svg(HtmlReport.Render(Pages.Full with { ValidationNllBase = null }), "loss");
        Assert.Empty(Pages.WithClass(svg, "line", "base-line"));
    }

    private static List<string> TickLabels(System.Xml.Linq.XElement svg) =>
        [.. Pages.WithClass(svg, "text", "tick-label").Select(t => t.Value)];

    /// <summary>Labels of the y axis (right-aligned against it), bottom to top.</summary>
    private static List<string> YTickLabels(System.Xml.Linq.XElement svg) =>
        [.. Pages.WithClass(svg, "text", "tick-label").Where(t => (string?)t.Attribute("text-anchor") == "end").Select(t => t.Value)];
}
