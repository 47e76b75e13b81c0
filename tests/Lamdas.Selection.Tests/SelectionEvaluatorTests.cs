namespace Lamdas.Selection.Tests;

public class SelectionEvaluatorTests
{
    [Fact]
    public void JoinsByIdAndCountsUnmatched()
    {
        var labels = new Dictionary<string, bool> { ["a"] = true, ["b"] = false, ["c"] = true, ["d"] = false };
        (string, double, bool)[] documents =
        [
            ("a", 0.9, true),
            ("b", 0.8, true),
            ("x", 0.7, true),   // no label
            ("c", 0.2, false),
            ("d", 0.1, false),
        ];

        var result = SelectionEvaluator.Evaluate(documents, labels);

        // Pairs (pos, neg): (a, b) ✓ (a, d) ✓ (c, b) ✗ (c, d) ✓ → 0.75. P@P: top 2 = a ✓, b ✗ → 0.5.
        // Selected among matched: a, b → precision ½, recall ½.
        Assert.Equal(new EvaluationResult(4, 2, 0.75, 0.5, 2, 0.5, 0.5, 1), result);
    }

    [Fact]
    public void SingleClassGivesNaNRankMetrics()
    {
        var labels = new Dictionary<string, bool> { ["a"] = false, ["b"] = false };
        var result = SelectionEvaluator.Evaluate([("a", 1.0, true), ("b", 0.0, false)], labels);
        Assert.True(double.IsNaN(result.Auroc));
        Assert.True(double.IsNaN(result.PrecisionAtP));
        Assert.Equal(0, result.Positives);
        Assert.Equal(1, result.Selected);
    }
}
