using Lamdas.Selection;

namespace Lamdas.Api.Dashboard;

/// <summary>Equal-width bins between a quantile sketch's minimum and maximum, with counts read from the sketch's ranks.</summary>
public static class SketchHistogram
{
    /// <summary>The default number of bins.</summary>
    public const int DefaultBins = 30;

    /// <summary>The largest number of bins.</summary>
    public const int MaxBins = 200;

    /// <summary>
    /// Cuts [Min, Max] into <paramref name="bins"/> equal bins; bin i counts the values in (edgeᵢ, edgeᵢ₊₁] (the first
    /// bin includes Min) as round(Rank(edgeᵢ₊₁)·Count) − round(Rank(edgeᵢ)·Count), so the counts are never negative
    /// and add up to Count exactly. One bin when every value is the same; none for an empty sketch. An infinite
    /// minimum or maximum is replaced by the 1st or 99th percentile, and the values beyond fall in the edge bins.
    /// </summary>
    public static IReadOnlyList<HistogramBin> Bins(QuantileSketch sketch, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, MaxBins);
        if (sketch.Count == 0)
        {
            return [];
        }

        var low = double.IsFinite(sketch.Min) ? sketch.Min : sketch.Quantile(0.01);
        var high = double.IsFinite(sketch.Max) ? sketch.Max : sketch.Quantile(0.99);
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            return [];
        }

        var total = sketch.Count;
        if (high <= low)
        {
            return [new HistogramBin(low, high, total)];
        }

        var result = new HistogramBin[bins];
        var width = (high - low) / bins;
        var lower = low;
        long below = 0;
        for (var i = 0; i < bins; i++)
        {
            var upper = i == bins - 1 ? high : low + (width * (i + 1));
            var cumulative = i == bins - 1 ? total : Math.Clamp((long)Math.Round(sketch.Rank(upper) * total), below, total);
            result[i] = new HistogramBin(lower, upper, cumulative - below);
            below = cumulative;
            lower = upper;
        }

        return result;
    }
}
