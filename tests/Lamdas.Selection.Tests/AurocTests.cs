namespace Lamdas.Selection.Tests;

public class AurocTests
{
    [Fact]
    public void CountsCorrectlyOrderedPairs()
    {
        // Pairs (pos, neg): (0.9, 0.8) ✓ (0.9, 0.6) ✓ (0.7, 0.8) ✗ (0.7, 0.6) ✓ → 3/4.
        Assert.Equal(0.75, SelectionMetrics.Auroc([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
    }

    [Fact]
    public void TiesCountHalf()
    {
        // Positives 0.5, 0.9; negatives 0.5, 0.3: (0.5, 0.5) ½, (0.5, 0.3) 1, (0.9, 0.5) 1, (0.9, 0.3) 1 → 3.5/4.
        Assert.Equal(0.875, SelectionMetrics.Auroc([0.5, 0.5, 0.3, 0.9], [true, false, false, true]), 12);
        Assert.Equal(0.5, SelectionMetrics.Auroc([1.0, 1.0, 1.0], [true, false, false]), 12);
    }

    [Fact]
    public void PerfectAndInvertedOrderings()
    {
        Assert.Equal(1.0, SelectionMetrics.Auroc([3.0, 2.0, 1.0], [true, true, false]), 12);
        Assert.Equal(0.0, SelectionMetrics.Auroc([3.0, 2.0, 1.0], [false, true, true]), 12);
    }

    [Fact]
    public void EqualsBruteForcePairFractionOnRandomData()
    {
        var random = new Random(2024);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(2, 400);
            // Rounded scores create many ties.
            var scores = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 20) / 2).ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.3).ToArray();
            labels[0] = true;
            labels[1] = false;

            double wins = 0, pairs = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (labels[i] && !labels[j])
                    {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }

            Assert.Equal(wins / pairs, SelectionMetrics.Auroc(scores, labels), 12);
        }
    }

    [Fact]
    public void RejectsMissingClassesMismatchedLengthsAndNaN()
    {
        Assert.Throws<ArgumentException>(() => SelectionMetrics.Auroc([1.0, 2.0], [true, true]));
        Assert.Throws<ArgumentException>(() => SelectionMetrics.Auroc([1.0, 2.0], [false, false]));
        Assert.Throws<ArgumentException>(() => SelectionMetrics.Auroc([1.0], [true, false]));
        Assert.Throws<ArgumentException>(() => SelectionMetrics.Auroc([double.NaN, 1.0], [true, false]));
    }
}
