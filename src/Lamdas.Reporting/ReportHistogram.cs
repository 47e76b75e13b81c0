namespace Lamdas.Reporting;

/// <summary>
/// A score histogram robust to outliers: equal-width bins between two quantiles of the scores (widened to take in a
/// threshold that lies among the scores), selected and rejected counts per bin, and how many documents fall outside.
/// </summary>
public sealed record ReportHistogram(
    IReadOnlyList<double> Edges, IReadOnlyList<long> Selected, IReadOnlyList<long> Rejected, long ClippedBelow, long ClippedAbove, double Tail)
{
    /// <summary>No histogram: no edges and no bins.</summary>
    public static ReportHistogram None { get; } = new([], [], [], 0, 0, 0);

    /// <summary>The share of documents cut from each end by default: the chart spans the 0.5% to 99.5% quantiles.</summary>
    public const double DefaultTail = 0.005;

    /// <summary>
    /// Bins the finite scores between the <paramref name="tail"/> and 1 − <paramref name="tail"/> quantiles (the
    /// order statistics at ⌊tail·(n−1)⌋ and ⌈(1−tail)·(n−1)⌉), widened to <paramref name="threshold"/> when it lies
    /// between the lowest and highest score. Scores outside the range are counted in <see cref="ClippedBelow"/> and
    /// <see cref="ClippedAbove"/>, not binned; the last bin includes its upper edge. No scores: one empty bin [0, 1].
    /// </summary>
    public static ReportHistogram Build(IEnumerable<(double Score, bool Selected)> documents, int bins, double tail = DefaultTail, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(tail is >= 0 and < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(tail), tail, "tail must be in [0, 0.5)");
        }

        var finite = documents.Where(d => double.IsFinite(d.Score)).ToArray();
        if (finite.Length == 0)
        {
            return new ReportHistogram([0, 1], [0], [0], 0, 0, tail);
        }

        var sorted = finite.Select(d => d.Score).Order().ToArray();
        var last = sorted.Length - 1;
        var lo = sorted[(int)Math.Floor(tail * last + 1e-9)];
        var hi = sorted[(int)Math.Ceiling((1 - tail) * last - 1e-9)];
        if (threshold is { } t && double.IsFinite(t) && t >= sorted[0] && t <= sorted[last])
        {
            (lo, hi) = (Math.Min(lo, t), Math.Max(hi, t));
        }

        if (hi <= lo)
        {
            (lo, hi) = (lo - 0.5, lo + 0.5);
        }

        var edges = Enumerable.Range(0, bins + 1).Select(i => i == bins ? hi : lo + ((hi - lo) * i / bins)).ToArray();
        var selected = new long[bins];
        var rejected = new long[bins];
        long below = 0, above = 0;
        foreach (var (score, isSelected) in finite)
        {
            if (score < lo)
            {
                below++;
                continue;
            }

            if (score > hi)
            {
                above++;
                continue;
            }

            var bin = (int)Math.Clamp(Math.Floor((score - lo) / (hi - lo) * bins), 0, bins - 1);
            (isSelected ? selected : rejected)[bin]++;
        }

        return new ReportHistogram(edges, selected, rejected, below, above, tail);
    }
}
