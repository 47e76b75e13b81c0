namespace Lamdas.Selection.Tests;

public class RandomScorerTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 10000).Select(i => $"doc-{i:D6}").ToArray();

    [Fact]
    public void SameIdGetsTheSameScoreAcrossInstancesAndOrders()
    {
        var forward = Ids.Select(id => new RandomScorer(7).Score(id, "text")).ToArray();
        var shared = new RandomScorer(7);
        var backward = Ids.Reverse().Select(id => shared.Score(id, "other text")).Reverse().ToArray();
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void SeedChangesTheScores()
    {
        var a = new RandomScorer(1);
        var b = new RandomScorer(2);
        var equal = Ids.Count(id => a.Score(id, "") == b.Score(id, ""));
        Assert.True(equal < 5, $"{equal} ids scored identically under different seeds");
    }

    [Fact]
    public void ScoresAreRoughlyUniformOnTheUnitInterval()
    {
        var scorer = new RandomScorer(12345);
        var scores = Ids.Select(id => scorer.Score(id, "")).ToArray();
        Assert.All(scores, s => Assert.InRange(s, 0.0, Math.BitDecrement(1.0)));
        var bins = new int[10];
        foreach (var s in scores)
        {
            bins[(int)(s * 10)]++;
        }

        // Pearson χ² with 9 degrees of freedom; 27.88 is the 0.999 quantile.
        var chiSquare = bins.Sum(c => (c - 1000.0) * (c - 1000.0) / 1000.0);
        Assert.True(chiSquare < 27.88, $"χ² = {chiSquare}, bins = {string.Join(",", bins)}");
        Assert.InRange(scores.Average(), 0.49, 0.51);
        Assert.Equal(scores.Length, scores.Distinct().Count());
    }
}
