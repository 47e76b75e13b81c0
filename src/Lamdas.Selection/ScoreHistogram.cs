using System.Text;
using System.Text.Json;

namespace Lamdas.Selection;

/// <summary>
/// Counts of scores per bin over bin edges fixed up front, so that histograms built on different shards merge exactly.
/// Bin i is [edge_i, edge_{i+1}); the last bin also includes its upper edge. Values below the first edge are counted
/// in <see cref="Underflow"/>, values above the last in <see cref="Overflow"/>. Not thread-safe: use one per thread
/// and <see cref="Merge"/> them.
/// </summary>
public sealed class ScoreHistogram
{
    private readonly double[] edges;
    private readonly long[] counts;

    /// <summary>A histogram over explicit edges: at least two, finite and strictly increasing.</summary>
    public ScoreHistogram(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2)
        {
            throw new ArgumentException("A histogram needs at least two bin edges.", nameof(edges));
        }

        for (var i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1])))
            {
                throw new ArgumentException("Bin edges must be finite and strictly increasing.", nameof(edges));
            }
        }

        this.edges = [.. edges];
        counts = new long[edges.Count - 1];
    }

    /// <summary>The bin edges (one more than the number of bins).</summary>
    public IReadOnlyList<double> Edges => edges;

    /// <summary>Count per bin.</summary>
    public IReadOnlyList<long> Counts => counts;

    /// <summary>Values below the first edge.</summary>
    public long Underflow { get; private set; }

    /// <summary>Values above the last edge.</summary>
    public long Overflow { get; private set; }

    /// <summary>Every value added, in range or not.</summary>
    public long Total => counts.Sum() + Underflow + Overflow;

    /// <summary><paramref name="bins"/> equal-width bins from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static ScoreHistogram Uniform(double min, double max, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
        {
            throw new ArgumentException("The range must be finite with max > min.");
        }

        var edges = new double[bins + 1];
        for (var i = 0; i < bins; i++)
        {
            edges[i] = min + (max - min) * i / bins;
        }

        edges[bins] = max;
        return new ScoreHistogram(edges);
    }

    /// <summary>Counts one value. NaN is rejected (quarantine non-finite scores before histogramming).</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("Cannot histogram NaN.", nameof(value));
        }

        if (value < edges[0])
        {
            Underflow++;
        }
        else if (value > edges[^1])
        {
            Overflow++;
        }
        else
        {
            counts[BinOf(value)]++;
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/>, which must have identical edges.</summary>
    public void Merge(ScoreHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!edges.AsSpan().SequenceEqual(other.edges))
        {
            throw new ArgumentException("Histograms with different bin edges cannot be merged.", nameof(other));
        }

        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        Underflow += other.Underflow;
        Overflow += other.Overflow;
    }

    /// <summary>JSON: {"edges":[…],"counts":[…],"underflow":n,"overflow":n}. Doubles round-trip exactly.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("edges");
            foreach (var edge in edges)
            {
                writer.WriteNumberValue(edge);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("counts");
            foreach (var count in counts)
            {
                writer.WriteNumberValue(count);
            }

            writer.WriteEndArray();
            writer.WriteNumber("underflow", Underflow);
            writer.WriteNumber("overflow", Overflow);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static ScoreHistogram FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var histogram = new ScoreHistogram([.. root.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble())]);
        var counts = root.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        if (counts.Length != histogram.counts.Length || counts.Any(c => c < 0))
        {
            throw new FormatException("Histogram JSON: counts do not match the edges or are negative.");
        }

        counts.CopyTo(histogram.counts, 0);
        histogram.Underflow = root.GetProperty("underflow").GetInt64();
        histogram.Overflow = root.GetProperty("overflow").GetInt64();
        if (histogram.Underflow < 0 || histogram.Overflow < 0)
        {
            throw new FormatException("Histogram JSON: negative underflow or overflow.");
        }

        return histogram;
    }

    private int BinOf(double value)
    {
        // Largest i with edges[i] <= value, capped at the last bin (value == last edge).
        var index = Array.BinarySearch(edges, value);
        var bin = index >= 0 ? index : ~index - 1;
        return Math.Min(bin, counts.Length - 1);
    }
}
