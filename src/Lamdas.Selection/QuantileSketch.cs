namespace Lamdas.Selection;

/// <summary>
/// A KLL quantile sketch (Karnin, Lang &amp; Liberty 2016) over doubles: a stack of compactors where an item at level h
/// stands for 2^h inputs; a full level is sorted and every other item (odd or even positions, by a pseudo-random bit)
/// is promoted. Level capacities shrink geometrically (factor 2/3) below the top level, which holds <see cref="K"/>.
/// <para>
/// Rank-error bound: with probability ≥ 99 %, the true normalised rank of <c>Quantile(q)</c> is within
/// <see cref="NormalizedRankError"/> ≈ 2.296 / K^0.9723 of q (1.33 % for K = 200; Apache DataSketches' calibration of
/// the same algorithm). Merging sketches keeps the same bound for the union. Memory: O(K · log(n/K)) doubles
/// (about 3K + small overhead).
/// </para>
/// <para>
/// Deterministic: the promotion bits come from a SplitMix64 stream whose state is part of the sketch, so the same
/// insertions (and merges) in the same order give the identical sketch. Not thread-safe: use one per thread and merge.
/// </para>
/// </summary>
public sealed partial class QuantileSketch
{
    /// <summary>Default accuracy parameter (≈ 1.33 % rank error).</summary>
    public const int DefaultK = 200;

    /// <summary>Default seed of the promotion-bit stream.</summary>
    public const ulong DefaultSeed = 0x5EED_CAFE_F00D_D00DUL;

    /// <summary>Smallest accepted K.</summary>
    public const int MinK = 8;

    /// <summary>Largest accepted K.</summary>
    public const int MaxK = 65535;

    private readonly List<List<double>> _levels = [];
    private readonly List<int> _capacities = [];
    private ulong _randomState;
    private long _retained;
    private long _maxRetained;
    private (double[] Values, double[] CumulativeWeights)? _view;

    /// <summary>An empty sketch with accuracy parameter <paramref name="k"/> (MinK..MaxK).</summary>
    public QuantileSketch(int k = DefaultK, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, MinK);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxK);
        K = k;
        _randomState = seed;
        Grow();
    }

    /// <summary>The accuracy parameter.</summary>
    public int K { get; }

    /// <summary>Number of values added (including those merged in).</summary>
    public long Count { get; private set; }

    /// <summary>Exact smallest value, NaN when empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>Exact largest value, NaN when empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Number of values the sketch currently stores.</summary>
    public long Retained => _retained;

    /// <summary>The documented 99 %-confidence bound on the normalised rank error of a single quantile query.</summary>
    public double NormalizedRankError => 2.296 / Math.Pow(K, 0.9723);

    /// <summary>Adds one value. NaN is rejected; infinities are allowed.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("Cannot sketch NaN.", nameof(value));
        }

        _levels[0].Add(value);
        _retained++;
        Count++;
        Min = Count == 1 || value < Min ? value : Min;
        Max = Count == 1 || value > Max ? value : Max;
        _view = null;
        while (_retained >= _maxRetained)
        {
            Compress();
        }
    }

    /// <summary>Adds every value summarised by <paramref name="other"/> (same K required); <paramref name="other"/> is unchanged.</summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K)
        {
            throw new ArgumentException($"Cannot merge a sketch with K = {other.K} into one with K = {K}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        var incoming = other._levels.ConvertAll(level => level.ToArray());
        while (_levels.Count < incoming.Count)
        {
            Grow();
        }

        for (var h = 0; h < incoming.Count; h++)
        {
            _levels[h].AddRange(incoming[h]);
            _retained += incoming[h].Length;
        }

        Min = Count == 0 || other.Min < Min ? other.Min : Min;
        Max = Count == 0 || other.Max > Max ? other.Max : Max;
        Count += other.Count;
        _view = null;
        while (_retained >= _maxRetained)
        {
            Compress();
        }
    }

    /// <summary>
    /// The q-quantile: the smallest retained value whose estimated rank (weight of values ≤ it) reaches q·Count.
    /// q = 0 gives the exact minimum and q = 1 the exact maximum.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "q must be in [0, 1].");
        }

        if (Count == 0)
        {
            throw new InvalidOperationException("The sketch is empty.");
        }

        if (q == 0)
        {
            return Min;
        }

        if (q == 1)
        {
            return Max;
        }

        var (values, cumulative) = View();
        var index = Array.BinarySearch(cumulative, q * Count);
        index = index >= 0 ? index : ~index;
        return values[Math.Min(index, values.Length - 1)];
    }

    /// <summary>Estimated fraction of the values that are ≤ <paramref name="value"/>.</summary>
    public double Rank(double value)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The sketch is empty.");
        }

        var (values, cumulative) = View();
        var index = UpperBound(values, value);
        return index == 0 ? 0.0 : cumulative[index - 1] / Count;
    }

    private (double[] Values, double[] CumulativeWeights) View()
    {
        if (_view is { } cached)
        {
            return cached;
        }

        var items = new List<(double Value, double Weight)>((int)_retained);
        for (var h = 0; h < _levels.Count; h++)
        {
            items.AddRange(_levels[h].Select(v => (v, Math.Pow(2, h))));
        }

        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        var values = new double[items.Count];
        var cumulative = new double[items.Count];
        var sum = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            sum += items[i].Weight;
            values[i] = items[i].Value;
            cumulative[i] = sum;
        }

        _view = (values, cumulative);
        return _view.Value;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
