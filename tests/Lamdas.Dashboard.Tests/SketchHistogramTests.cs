using Lamdas.Api.Dashboard;
using Lamdas.Cluster.Messages;
using Lamdas.Selection;

namespace Lamdas.Dashboard.Tests;

public sealed class SketchHistogramTests
{
    [Fact]
    public void UniformValuesFillEqualWidthBinsEvenly()
    {
        var sketch = new QuantileSketch();
        for (var i = 0; i < 3000; i++)
        {
            sketch.Add(i / 100.0);
        }

        var bins = SketchHistogram.Bins(sketch, 30);

        Assert.Equal(30, bins.Count);
        Assert.Equal(0.0, bins[0].Lower);
        Assert.Equal(29.99, bins[^1].Upper);
        Assert.Equal(3000, bins.Sum(b => b.Count));
        Assert.All(bins, b => Assert.InRange(b.Count, 100 - 45, 100 + 45));
        for (var i = 1; i < bins.Count; i++)
        {
            Assert.Equal(bins[i - 1].Upper, bins[i].Lower);
            Assert.True(bins[i].Upper > bins[i].Lower);
        }
    }

    [Fact]
    public void SmallSketchesGiveExactCounts()
    {
        var sketch = new QuantileSketch();
        foreach (var value in new[] { -2.0, -1.5, -1.0, 0.0, 0.1, 0.2, 3.0, 4.0 })
        {
            sketch.Add(value);
        }

        var bins = SketchHistogram.Bins(sketch, 4);

        Assert.Equal([-2.0, -0.5, 1.0, 2.5], bins.Select(b => b.Lower));
        Assert.Equal([3L, 3L, 0L, 2L], bins.Select(b => b.Count));
    }

    [Fact]
    public void TwoPeaksStayApartAfterManyCompactions()
    {
        var sketch = new QuantileSketch();
        var random = new Random(3);
        for (var i = 0; i < 100_000; i++)
        {
            sketch.Add(i % 4 == 0 ? 10 + random.NextDouble() : random.NextDouble());
        }

        var bins = SketchHistogram.Bins(sketch, 11);

        Assert.Equal(100_000, bins.Sum(b => b.Count));
        Assert.InRange(bins[0].Count, 73_000, 77_000);
        Assert.InRange(bins[^1].Count, 23_000, 27_000);
        Assert.All(bins.Skip(1).SkipLast(1), b => Assert.InRange(b.Count, 0, 2_000));
    }

    [Fact]
    public void EqualValuesGiveOneBinAndEmptySketchesNone()
    {
        var same = new QuantileSketch();
        for (var i = 0; i < 5; i++)
        {
            same.Add(1.25);
        }

        Assert.Equal([new HistogramBin(1.25, 1.25, 5)], SketchHistogram.Bins(same));
        Assert.Empty(SketchHistogram.Bins(new QuantileSketch()));
        Assert.Throws<ArgumentOutOfRangeException>(() => SketchHistogram.Bins(same, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SketchHistogram.Bins(same, SketchHistogram.MaxBins + 1));
    }

    [Fact]
    public void InfiniteExtremesFallIntoTheEdgeBins()
    {
        var sketch = new QuantileSketch();
        sketch.Add(double.NegativeInfinity);
        for (var i = 0; i < 200; i++)
        {
            sketch.Add(i);
        }

        sketch.Add(double.PositiveInfinity);

        var bins = SketchHistogram.Bins(sketch, 10);

        Assert.All(bins, b => Assert.True(double.IsFinite(b.Lower) && double.IsFinite(b.Upper)));
        Assert.Equal(202, bins.Sum(b => b.Count));
        Assert.True(bins[0].Count >= 1 && bins[^1].Count >= 1);
    }

    [Fact]
    public void PartitionSketchesAreMergedBeforeBinning()
    {
        var low = new QuantileSketch();
        var high = new QuantileSketch();
        for (var i = 0; i < 500; i++)
        {
            low.Add(-5 + (i / 100.0));
            high.Add(i / 100.0);
        }

        var response = DashboardEndpoints.Histogram("job-1", [
            new ScoreDistribution { Count = 500, Selected = 10, Sketch = low.ToBytes() },
            new ScoreDistribution(),
            new ScoreDistribution { Count = 500, Selected = 490, Sketch = high.ToBytes() },
        ], 10);

        Assert.Equal(1000, response.Count);
        Assert.Equal(500, response.Selected);
        Assert.Equal(-5.0, response.Min);
        Assert.Equal(4.99, response.Max);
        Assert.Equal(10, response.Bins.Count);
        Assert.Equal(1000, response.Bins.Sum(b => b.Count));
        Assert.InRange(response.Bins.Take(5).Sum(b => b.Count), 480, 520);

        var empty = DashboardEndpoints.Histogram("job-2", [new ScoreDistribution()], 30);
        Assert.Equal(0, empty.Count);
        Assert.Null(empty.Min);
        Assert.Empty(empty.Bins);
    }

    [Theory]
    [InlineData("{ mode: threshold, threshold: 0.25 }", 0.25, 0.25)]
    [InlineData("{ mode: top-fraction, fraction: 0.1 }", 0.88, 0.91)]
    public void TheHistogramCarriesTheSelectionCutOff(string selection, double low, double high)
    {
        var sketch = new QuantileSketch();
        for (var i = 0; i < 1000; i++)
        {
            sketch.Add(i / 1000.0);
        }

        var spec = Lamdas.Jobs.Spec.JobSpecParser.Parse(
            $"name: cut\nmethod: dsir\nreference: ref.jsonl\ninput: in.jsonl\noutput: out/\nselection: {selection}\n");
        var response = DashboardEndpoints.Histogram("job-3", [new ScoreDistribution { Count = 1000, Sketch = sketch.ToBytes() }], 20, spec);

        Assert.NotNull(response.Threshold);
        Assert.InRange(response.Threshold.Value, low, high);
        Assert.Null(DashboardEndpoints.Histogram("job-3", [new ScoreDistribution { Count = 1000, Sketch = sketch.ToBytes() }], 20).Threshold);
    }
}
