namespace Lamdas.Reporting.Tests;

/// <summary>The outlier-robust histogram: quantile range, clipped counts, the threshold taken into the range.</summary>
public class ReportHistogramTests
{
    // Scores 0, 1, …, 200; a document is selected when its score exceeds 100.
    private static IEnumerable<(double, bool)> Scores(int count = 201) => Enumerable.Range(0, count).Select(i => ((double)i, i > 100));

    [Fact]
    public void BinsTheScoresBetweenTheQuantilesAndCountsTheRest()
    {
        // n − 1 = 200: the 1% quantile is the score at index ⌊2⌋ = 2, the 99% one at index ⌈198⌉ = 198.
        var histogram = ReportHistogram.Build(Scores(), bins: 4, tail: 0.01);

        Assert.Equal([2.0, 51, 100, 149, 198], histogram.Edges);
        Assert.Equal(2, histogram.ClippedBelow); // 0 and 1
        Assert.Equal(2, histogram.ClippedAbove); // 199 and 200
        // [2, 51): 2…50; [51, 100): 51…99; [100, 149): 100 (rejected), 101…148; [149, 198]: 149…198.
        Assert.Equal([0L, 0, 48, 50], histogram.Selected);
        Assert.Equal([49L, 49, 1, 0], histogram.Rejected);
        Assert.Equal(0.01, histogram.Tail);
    }

    [Fact]
    public void AThresholdAmongTheScoresWidensTheRange()
    {
        var histogram = ReportHistogram.Build(Scores(), bins: 4, tail: 0.01, threshold: 199.5);
        Assert.Equal(2, histogram.Edges[0]);
        Assert.Equal(199.5, histogram.Edges[^1]);
        Assert.Equal(1, histogram.ClippedAbove); // only 200

        var beyond = ReportHistogram.Build(Scores(), bins: 4, tail: 0.01, threshold: 500);
        Assert.Equal(198, beyond.Edges[^1]);
        Assert.Equal(2, beyond.ClippedAbove);
    }

    [Fact]
    public void NoTailClipsNothingAndNonFiniteScoresAreLeftOut()
    {
        var histogram = ReportHistogram.Build(
            [(1.0, false), (double.NaN, true), (3.0, true), (double.PositiveInfinity, true), (2.0, false)], bins: 2, tail: 0);

        Assert.Equal([1.0, 2, 3], histogram.Edges);
        Assert.Equal(0, histogram.ClippedBelow + histogram.ClippedAbove);
        Assert.Equal([0L, 1], histogram.Selected);  // 3 is in the last bin, which includes its upper edge
        Assert.Equal([1L, 1], histogram.Rejected);  // 1 in the first, 2 in the second
    }

    [Fact]
    public void OneDistinctScoreOrNoneStillGivesIncreasingEdges()
    {
        var same = ReportHistogram.Build([(5.0, true), (5.0, false)], bins: 2);
        Assert.Equal([4.5, 5, 5.5], same.Edges);
        Assert.Equal([0L, 1], same.Selected);
        Assert.Equal([0L, 1], same.Rejected);

        var none = ReportHistogram.Build([], bins: 10);
        Assert.Equal([0.0, 1], none.Edges);
        Assert.Equal([0L], none.Selected);
    }

    [Fact]
    public void RendersAsTheHistogramOfAPage()
    {
        var histogram = ReportHistogram.Build(Scores(), bins: 4, tail: 0.01);
        var html = HtmlReport.Render(Pages.Minimal with
        {
            Histogram = histogram,
        });
        Assert.Equal(
            "Scores from the 1% to the 99% quantile (2 to 198) in 4 equal bins; 2 documents below and 2 documents above are not drawn.",
            Pages.TextOf(html, "histogram-caption"));
    }
}
