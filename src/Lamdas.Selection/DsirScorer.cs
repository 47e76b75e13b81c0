namespace Lamdas.Selection;

/// <summary>
/// DSIR (Xie et al. 2023, "Data Selection for Language Models via Importance Resampling"): two bag-of-hashed-n-grams
/// models, one fitted on the reference (target) documents and one on the raw candidate pool; a document's score is its
/// log importance weight Σ_b count_doc(b)·(log p_ref(b) − log p_raw(b)). Features: see <see cref="HashedNgrams"/>.
/// The score is not length-normalised (as in DSIR). Memory: one array of B doubles. Thread-safe after fitting.
/// </summary>
public sealed class DsirScorer : ITextScorer
{
    private readonly double[] _logWeights;

    private DsirScorer(double[] logWeights, DsirOptions options, long referenceFeatures, long poolFeatures)
    {
        this._logWeights = logWeights;
        Options = options;
        ReferenceFeatures = referenceFeatures;
        PoolFeatures = poolFeatures;
    }

    /// <summary>The options the scorer was fitted with.</summary>
    public DsirOptions Options { get; }

    /// <summary>Total n-gram count of the reference documents.</summary>
    public long ReferenceFeatures { get; }

    /// <summary>Total n-gram count of the candidate-pool sample.</summary>
    public long PoolFeatures { get; }

    /// <summary>Fits both n-gram models; each sequence is enumerated exactly once, so both may be streamed.</summary>
    public static DsirScorer Fit(IEnumerable<string> reference, IEnumerable<string> candidatePool, DsirOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidatePool);
        options ??= new DsirOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumBuckets, 1, nameof(options));
        if (!(options.Smoothing > 0) || double.IsInfinity(options.Smoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Smoothing, "Smoothing must be a positive finite number.");
        }

        var referenceCounts = new long[options.NumBuckets];
        var poolCounts = new long[options.NumBuckets];
        var referenceTotal = reference.Sum(text => HashedNgrams.Accumulate(text, referenceCounts));
        var poolTotal = candidatePool.Sum(text => HashedNgrams.Accumulate(text, poolCounts));

        var s = options.Smoothing;
        var referenceDenominator = Math.Log(referenceTotal + s * options.NumBuckets);
        var poolDenominator = Math.Log(poolTotal + s * options.NumBuckets);
        var weights = new double[options.NumBuckets];
        for (var b = 0; b < weights.Length; b++)
        {
            var logReference = Math.Log(referenceCounts[b] + s) - referenceDenominator;
            var logPool = Math.Log(poolCounts[b] + s) - poolDenominator;
            weights[b] = logReference - logPool;
        }

        return new DsirScorer(weights, options, referenceTotal, poolTotal);
    }

    /// <summary>log p_ref(b) − log p_raw(b) for one bucket.</summary>
    public double BucketLogWeight(int bucket) => _logWeights[bucket];

    /// <inheritdoc />
    public double Score(string id, string text) => HashedNgrams.Sum(text, _logWeights);
}
