using Lamdas.Jobs.Running;

namespace Lamdas.Jobs.Tests;

public sealed class CascadeCutTests
{
    [Theory]
    [InlineData(0.95, 1.6448536)]
    [InlineData(0.975, 1.9599640)]
    [InlineData(0.9, 1.2815516)]
    [InlineData(0.5, 0.0)]
    public void NormalQuantileMatchesTheTables(double p, double z)
    {
        Assert.Equal(z, RecallBound.NormalQuantile(p), 5);
    }

    [Fact]
    public void WilsonLowerBoundMatchesTheClosedForm()
    {
        // All 100 kept: the bound is n / (n + z²) = 100 / (100 + 1.6448536²) = 0.973656.
        Assert.Equal(0.973656, RecallBound.Lower(100, 100, 0.95), 5);

        // 45 of 50 at z = 1.6448536: (0.9 + z²/100 − z·√(0.09/50 + z²/10000)) / (1 + z²/50) = 0.808462.
        Assert.Equal(0.808462, RecallBound.Lower(45, 50, 0.95), 5);
        Assert.Equal(0, RecallBound.Lower(0, 0, 0.95));
    }

    [Fact]
    public void KeptNeededIsTheLeastCountWhoseFullRecallReachesTheTarget()
    {
        // 0.99 · 1.6448536² / 0.01 = 267.84 → 268; and 268 kept of 268 bound at 0.99 or more, 267 of 267 below it.
        Assert.Equal(268, RecallBound.KeptNeeded(0.99, 0.95));
        Assert.True(RecallBound.Lower(268, 268, 0.95) >= 0.99);
        Assert.True(RecallBound.Lower(267, 267, 0.95) < 0.99);
    }

    [Fact]
    public void TheCutIsTheHighestWhoseRecallBoundReachesTheTarget()
    {
        // 40 kept documents with first-stage scores 1..40, 60 others with scores 0.5..59.5 in steps of 1.
        var stage1 = Enumerable.Range(1, 40).Select(i => (double)i).Concat(Enumerable.Range(0, 60).Select(i => i + 0.5)).ToList();
        var kept = Enumerable.Range(0, 100).Select(i => i < 40).ToList();

        // At 80 % confidence (z = 0.841621), 37 of 40 bound at 0.8821 and 36 of 40 at 0.8529: a target of 0.86 keeps
        // the 37 best, so the cut is the 37th-best kept score, 4.
        var choice = CascadeCut.Choose(stage1, kept, recall: 0.86, confidence: 0.8);

        Assert.Equal(4.0, choice.Cut);
        Assert.Equal(40, choice.Kept);
        Assert.Equal(37, choice.Hits);
        Assert.Equal(37 / 40.0, choice.Recall, 12);
        Assert.True(choice.RecallLower >= 0.86);

        // Passing: kept 4..40 (37) and others 4.5..59.5 (56) of 100.
        Assert.Equal(0.93, choice.PassRate, 12);
    }

    [Fact]
    public void TiedScoresPassTogether()
    {
        var choice = CascadeCut.Choose([5, 5, 5, 1, 0], [true, true, true, true, false], recall: 0.3, confidence: 0.5);

        // At z = 0 the bound is the point estimate: one hit would be 0.25 < 0.3, but the cut at 5 keeps all three ties.
        Assert.Equal(5.0, choice.Cut);
        Assert.Equal(3, choice.Hits);
        Assert.Equal(0.6, choice.PassRate, 12);
    }

    [Fact]
    public void TooFewKeptDocumentsGiveNoCut()
    {
        var choice = CascadeCut.Choose([3, 2, 1], [true, true, false], recall: 0.99, confidence: 0.95);

        Assert.Null(choice.Cut);
        Assert.Equal(1, choice.PassRate);
        Assert.Equal(2, choice.Kept);
        Assert.Null(CascadeCut.Choose([3, 2], [false, false], 0.9, 0.95).Cut);
    }
}
