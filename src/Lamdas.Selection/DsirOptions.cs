namespace Lamdas.Selection;

/// <summary>Options of <see cref="DsirScorer"/>.</summary>
public sealed record DsirOptions
{
    /// <summary>Number of hash buckets B shared by unigrams and bigrams (DSIR's default: 10 000).</summary>
    public int NumBuckets { get; init; } = 10000;

    /// <summary>Additive smoothing s of the bucket counts: p(b) = (count(b) + s) / (total + s·B). Must be positive.</summary>
    public double Smoothing { get; init; } = 1.0;
}
