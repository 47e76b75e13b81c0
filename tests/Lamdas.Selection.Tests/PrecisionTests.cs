namespace Lamdas.Selection.Tests;

public class PrecisionTests
{
    [Fact]
    public void PrecisionAtKTakesTheHighestScores()
    {
        double[] scores = [0.1, 0.9, 0.4, 0.8, 0.2];
        bool[] labels = [true, true, false, false, true];
        Assert.Equal(1.0, SelectionMetrics.PrecisionAtK(scores, labels, 1), 12);      // 0.9 ✓
        Assert.Equal(0.5, SelectionMetrics.PrecisionAtK(scores, labels, 2), 12);      // 0.9 ✓ 0.8 ✗
        Assert.Equal(1.0 / 3, SelectionMetrics.PrecisionAtK(scores, labels, 3), 12);  // + 0.4 ✗
        Assert.Equal(0.6, SelectionMetrics.PrecisionAtK(scores, labels, 5), 12);
    }

    [Fact]
    public void TiesAtTheCutGoToTheEarlierIndex()
    {
        // Index 1 and 2 tie at 0.5; k = 2 takes index 0 and then index 1.
        Assert.Equal(0.5, SelectionMetrics.PrecisionAtK([0.9, 0.5, 0.5, 0.1], [false, true, false, true], 2), 12);
        Assert.Equal(0.0, SelectionMetrics.PrecisionAtK([0.9, 0.5, 0.5, 0.1], [false, false, true, true], 2), 12);
    }

    [Fact]
    public void PrecisionAtPositivesUsesThePositiveCount()
    {
        // 2 positives → k = 2: 0.9 (✗) and 0.7 (✓).
        Assert.Equal(0.5, SelectionMetrics.PrecisionAtPositives([0.9, 0.7, 0.3, 0.1], [false, true, true, false]), 12);
        Assert.Throws<ArgumentException>(() => SelectionMetrics.PrecisionAtPositives([0.9], [false]));
    }

    [Fact]
    public void RejectsKOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionMetrics.PrecisionAtK([1.0, 2.0], [true, false], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionMetrics.PrecisionAtK([1.0, 2.0], [true, false], 3));
    }

    [Fact]
    public void SelectedSetPrecisionAndRecall()
    {
        var (precision, recall) = SelectionMetrics.SelectedSet([true, true, true, false, false], [true, false, true, true, false]);
        Assert.Equal(2.0 / 3, precision, 12);
        Assert.Equal(2.0 / 3, recall, 12);

        (precision, recall) = SelectionMetrics.SelectedSet([true, false, false, false], [true, true, false, true]);
        Assert.Equal(1.0, precision, 12);
        Assert.Equal(1.0 / 3, recall, 12);
    }

    [Fact]
    public void SelectedSetEdgeCasesAreZero()
    {
        Assert.Equal((0.0, 0.0), SelectionMetrics.SelectedSet([false, false], [true, false]));
        Assert.Equal((0.0, 0.0), SelectionMetrics.SelectedSet([true, false], [false, false]));
        Assert.Throws<ArgumentException>(() => SelectionMetrics.SelectedSet([true], [true, false]));
    }
}
