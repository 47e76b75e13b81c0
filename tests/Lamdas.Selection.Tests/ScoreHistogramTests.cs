namespace Lamdas.Selection.Tests;

public class ScoreHistogramTests
{
    [Fact]
    public void BinsAreHalfOpenWithTheLastOneClosed()
    {
        var histogram = ScoreHistogram.Uniform(0, 1, 4);
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], histogram.Edges);
        foreach (var value in new[] { 0.0, 0.1, 0.25, 0.49, 0.75, 0.99, 1.0, -0.01, 1.01, double.PositiveInfinity })
        {
            histogram.Add(value);
        }

        Assert.Equal([2L, 2, 0, 3], histogram.Counts);
        Assert.Equal(1, histogram.Underflow);
        Assert.Equal(2, histogram.Overflow);
        Assert.Equal(10, histogram.Total);
    }

    [Fact]
    public void ExplicitEdgesNeedNotBeUniform()
    {
        var histogram = new ScoreHistogram([-10.0, 0.0, 0.5, 100.0]);
        foreach (var value in new[] { -3.0, 0.0, 0.2, 0.5, 42.0 })
        {
            histogram.Add(value);
        }

        Assert.Equal([1L, 2, 2], histogram.Counts);
    }

    [Fact]
    public void MergeEqualsHistogramOfTheConcatenation()
    {
        var random = new Random(7);
        var first = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 12 - 6).ToArray();
        var second = Enumerable.Range(0, 3000).Select(_ => random.NextDouble() * 3).ToArray();
        var a = ScoreHistogram.Uniform(-5, 5, 20);
        var b = ScoreHistogram.Uniform(-5, 5, 20);
        var all = ScoreHistogram.Uniform(-5, 5, 20);
        Array.ForEach(first, a.Add);
        Array.ForEach(second, b.Add);
        Array.ForEach(first.Concat(second).ToArray(), all.Add);

        a.Merge(b);

        Assert.Equal(all.Counts, a.Counts);
        Assert.Equal(all.Underflow, a.Underflow);
        Assert.Equal(all.Overflow, a.Overflow);
        Assert.Equal(8000, a.Total);
        // Independent check of one bin: [0, 0.5).
        Assert.Equal(first.Concat(second).Count(v => v >= 0 && v < 0.5), a.Counts[10]);
    }

    [Fact]
    public void JsonRoundTripsExactly()
    {
        var histogram = new ScoreHistogram([0.1, 0.2, 0.30000000000000004]);
        histogram.Add(0.15);
        histogram.Add(0.0);
        var copy = ScoreHistogram.FromJson(histogram.ToJson());
        Assert.Equal(histogram.Edges, copy.Edges);
        Assert.Equal(histogram.Counts, copy.Counts);
        Assert.Equal(1, copy.Underflow);
        copy.Merge(histogram);
        Assert.Equal([2L, 0], copy.Counts);
    }

    [Fact]
    public void RejectsInvalidInput()
    {
        Assert.Throws<ArgumentException>(() => new ScoreHistogram([1.0]));
        Assert.Throws<ArgumentException>(() => new ScoreHistogram([1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => new ScoreHistogram([0.0, double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => ScoreHistogram.Uniform(1, 0, 3));
        Assert.Throws<ArgumentException>(() => ScoreHistogram.Uniform(0, 1, 3).Add(double.NaN));
        Assert.Throws<ArgumentException>(() => ScoreHistogram.Uniform(0, 1, 3).Merge(ScoreHistogram.Uniform(0, 1, 4)));
    }
}
