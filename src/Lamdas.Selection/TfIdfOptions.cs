namespace Lamdas.Selection;

/// <summary>Options of <see cref="TfIdfScorer"/>.</summary>
public sealed record TfIdfOptions
{
    /// <summary>Size of the hashed vocabulary (default 2^18, like scikit-learn's HashingVectorizer uses 2^20).</summary>
    public int NumBuckets { get; init; } = 1 << 18;

    /// <summary>Use 1 + ln(tf) instead of the raw term count (scikit-learn's <c>sublinear_tf</c>).</summary>
    public bool SublinearTf { get; init; }
}
