namespace Lamdas.Selection.Tests;

public class QuantileSketchTests
{
    private static readonly double[] Probabilities = [.. Enumerable.Range(1, 199).Select(i => i / 200.0), 0.001, 0.999];

    /// <summary>Distance of q from the interval of true normalised ranks that <paramref name="value"/> occupies in the data.</summary>
    private static double RankError(double[] sorted, double value, double q)
    {
        var below = LowerBound(sorted, value) / (double)sorted.Length;
        var atOrBelow = UpperBound(sorted, value) / (double)sorted.Length;
        return Math.Max(0, Math.Max(below - q, q - atOrBelow));
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == value)
        {
            i--;
        }

        return i;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var i = LowerBound(sorted, value);
        while (i < sorted.Length && sorted[i] == value)
        {
            i++;
        }

        return i;
    }

    private static double[] RandomValues(int seed, int n)
    {
        var random = new Random(seed);
        // A skewed mixture: lognormal-ish bulk plus a uniform tail.
        return [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.8
            ? Math.Exp(random.NextDouble() * random.NextDouble() * 6)
            : random.NextDouble() * 1000 - 500)];
    }

    [Fact]
    public void DocumentedBoundForDefaultK()
    {
        // 2.296 / 200^0.9723 ≈ 0.0133.
        Assert.Equal(0.0133, new QuantileSketch().NormalizedRankError, 4);
    }

    [Fact]
    public void SmallInputsAreExact()
    {
        var sketch = new QuantileSketch();
        foreach (var v in new[] { 5.0, 1, 4, 2, 3 })
        {
            sketch.Add(v);
        }

        Assert.Equal(3.0, sketch.Quantile(0.5));   // first value whose rank reaches 2.5 of 5
        Assert.Equal(1.0, sketch.Quantile(0.2));   // rank 1 reaches 1.0
        Assert.Equal(2.0, sketch.Quantile(0.21));
        Assert.Equal(1.0, sketch.Quantile(0));
        Assert.Equal(5.0, sketch.Quantile(1));
        Assert.Equal(0.6, sketch.Rank(3.0), 12);
        Assert.Equal(0.0, sketch.Rank(0.5), 12);
        Assert.Equal(5, sketch.Count);
    }

    [Fact]
    public void ErrorWithinBoundOn100kRandomValues()
    {
        var values = RandomValues(1, 100_000);
        var sketch = new QuantileSketch();
        Array.ForEach(values, sketch.Add);
        var sorted = values.Order().ToArray();

        var worst = Probabilities.Max(q => RankError(sorted, sketch.Quantile(q), q));

        Assert.True(worst <= sketch.NormalizedRankError, $"worst rank error {worst} > bound {sketch.NormalizedRankError}");
        Assert.Equal(100_000, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        Assert.True(sketch.Retained < 1000, $"retained {sketch.Retained} values");
    }

    [Fact]
    public void ErrorWithinBoundOnSortedInput()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        var sketch = new QuantileSketch();
        Array.ForEach(values, sketch.Add);

        var worst = Probabilities.Max(q => RankError(values, sketch.Quantile(q), q));

        Assert.True(worst <= sketch.NormalizedRankError, $"worst rank error {worst}");
        Assert.InRange(sketch.Rank(49_999), 0.5 - sketch.NormalizedRankError, 0.5 + sketch.NormalizedRankError);
    }

    [Fact]
    public void MergedShardsMatchASingleSketch()
    {
        var values = RandomValues(2, 100_000);
        var sorted = values.Order().ToArray();
        var single = new QuantileSketch();
        Array.ForEach(values, single.Add);
        var merged = new QuantileSketch();
        foreach (var shard in values.Chunk(10_000))
        {
            var part = new QuantileSketch(seed: (ulong)shard.Length + 17);
            Array.ForEach(shard, part.Add);
            merged.Merge(part);
        }

        var bound = merged.NormalizedRankError;
        Assert.Equal(single.Count, merged.Count);
        Assert.Equal(single.Min, merged.Min);
        Assert.Equal(single.Max, merged.Max);
        foreach (var q in Probabilities)
        {
            Assert.True(RankError(sorted, merged.Quantile(q), q) <= bound, $"merged q={q}");
            var singleRank = UpperBound(sorted, single.Quantile(q)) / (double)sorted.Length;
            var mergedRank = UpperBound(sorted, merged.Quantile(q)) / (double)sorted.Length;
            Assert.True(Math.Abs(singleRank - mergedRank) <= 2 * bound, $"q={q}: {singleRank} vs {mergedRank}");
        }
    }

    [Fact]
    public void SameInsertionOrderGivesIdenticalSketches()
    {
        var values = RandomValues(3, 20_000);
        var a = new QuantileSketch();
        var b = new QuantileSketch();
        Array.ForEach(values, a.Add);
        Array.ForEach(values, b.Add);
        Assert.Equal(a.ToBytes(), b.ToBytes());
    }

    [Fact]
    public void BytesRoundTripAndTheCopyKeepsBehavingTheSame()
    {
        var values = RandomValues(4, 30_000);
        var original = new QuantileSketch(k: 64);
        Array.ForEach(values[..20_000], original.Add);
        var copy = QuantileSketch.FromBytes(original.ToBytes());
        Assert.Equal(original.ToBytes(), copy.ToBytes());

        Array.ForEach(values[20_000..], original.Add);
        Array.ForEach(values[20_000..], copy.Add);
        Assert.Equal(original.ToBytes(), copy.ToBytes());
        Assert.Equal(original.Quantile(0.3), copy.Quantile(0.3));
        Assert.Equal(64, copy.K);
    }

    [Fact]
    public void EmptySketchRoundTripsAndRefusesQueries()
    {
        var copy = QuantileSketch.FromBytes(new QuantileSketch().ToBytes());
        Assert.Equal(0, copy.Count);
        Assert.True(double.IsNaN(copy.Min));
        Assert.Throws<InvalidOperationException>(() => copy.Quantile(0.5));
    }

    [Fact]
    public void RejectsMalformedInput()
    {
        var bytes = new QuantileSketch().ToBytes();
        Assert.Throws<FormatException>(() => QuantileSketch.FromBytes(bytes.AsSpan()[..10]));
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';
        Assert.Throws<FormatException>(() => QuantileSketch.FromBytes(badMagic));
        var sketch = new QuantileSketch();
        sketch.Add(1);
        var withCount = sketch.ToBytes();
        withCount[8] = 2; // Count = 2 but one item of weight 1
        Assert.Throws<FormatException>(() => QuantileSketch.FromBytes(withCount));
        Assert.Throws<ArgumentException>(() => sketch.Add(double.NaN));
        Assert.Throws<ArgumentException>(() => sketch.Merge(new QuantileSketch(k: 100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(1.5));
    }
}
