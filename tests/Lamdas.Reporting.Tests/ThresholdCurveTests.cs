namespace Lamdas.Reporting.Tests;

public class ThresholdCurveTests
{
    [Fact]
    public void EachDistinctScoreIsAThresholdThatKeepsTheDocumentsAboveIt()
    {
        // Scores 3 (in), 2 (out), 2 (in), 1 (in), 0 (out), NaN (in, left out): 3 positives.
        var curve = ThresholdCurve.Build([(3, true), (2, false), (2, true), (1, true), (0, false), (double.NaN, true)]);

        // t = 0 keeps 3, 2, 2, 1: 3 of 4 in domain, all 3 positives. t = 1 keeps 3, 2, 2: 2 of 3, 2 of 3 positives.
        // t = 2 keeps 3: 1 of 1, 1 of 3 positives. t = 3 keeps nothing: no point.
        Assert.Equal(
            [new ReportCurvePoint(0, 0.75, 1, 4), new ReportCurvePoint(1, 2 / 3.0, 2 / 3.0, 3), new ReportCurvePoint(2, 1, 1 / 3.0, 1)],
            curve);
    }

    [Fact]
    public void ALongCurveKeepsAnEvenlySpacedSubsetWithBothEnds()
    {
        // Scores 0…9 give thresholds 0…8 (9 points); 3 points are those at indices 0, 4 and 8.
        var curve = ThresholdCurve.Build(Enumerable.Range(0, 10).Select(i => ((double)i, true)), maxPoints: 3);
        Assert.Equal([0.0, 4, 8], curve.Select(p => p.Threshold));
        Assert.Equal([9L, 5, 1], curve.Select(p => p.Kept));
    }

    [Fact]
    public void NoPositivesGiveZeroRecall()
    {
        var curve = ThresholdCurve.Build([(1, false), (0, false)]);
        Assert.Equal([new ReportCurvePoint(0, 0, 0, 1)], curve);
    }
}
