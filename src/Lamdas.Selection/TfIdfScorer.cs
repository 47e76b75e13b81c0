namespace Lamdas.Selection;

/// <summary>
/// Cosine similarity between a document's TF-IDF vector and the centroid of the reference documents' TF-IDF vectors.
/// Terms follow scikit-learn's TfidfVectorizer defaults: lower-cased (invariant culture), tokens <c>\b\w\w+\b</c>,
/// unigrams. The vocabulary is hashed (FNV-1a 64 over UTF-8, modulo <see cref="TfIdfOptions.NumBuckets"/>), so memory
/// is bounded by two arrays of B doubles whatever the corpus size. IDF is fitted on reference + pool documents with
/// smooth idf = ln((1 + N)/(1 + df)) + 1; a bucket never seen while fitting gets df = 0. Vectors are L2-normalised;
/// the centroid is the mean of the normalised reference vectors. Thread-safe after fitting.
/// </summary>
public sealed class TfIdfScorer : ITextScorer
{
    private readonly double[] _idf;
    private readonly double[] _centroid;
    private readonly bool _sublinearTf;

    private TfIdfScorer(double[] idf, double[] centroid, TfIdfOptions options, long documents)
    {
        this._idf = idf;
        this._centroid = centroid;
        _sublinearTf = options.SublinearTf;
        Options = options;
        Documents = documents;
    }

    /// <summary>The options the scorer was fitted with.</summary>
    public TfIdfOptions Options { get; }

    /// <summary>N: the number of documents (reference + pool) the IDF was fitted on.</summary>
    public long Documents { get; }

    /// <summary>
    /// Fits IDF and the reference centroid. The pool is enumerated once (streamed); the reference documents' sparse term
    /// counts are kept in memory until the centroid is built (the reference set is the small one).
    /// </summary>
    public static TfIdfScorer Fit(IEnumerable<string> reference, IEnumerable<string> candidatePool, TfIdfOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidatePool);
        options ??= new TfIdfOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumBuckets, 1, nameof(options));

        var df = new long[options.NumBuckets];
        var referenceTerms = reference.Select(text => CountTerms(text, options.NumBuckets)).ToList();
        if (referenceTerms.Count == 0)
        {
            throw new ArgumentException("The reference set must contain at least one document.", nameof(reference));
        }

        long documents = 0;
        foreach (var terms in referenceTerms.Concat(candidatePool.Select(text => CountTerms(text, options.NumBuckets))))
        {
            documents++;
            foreach (var bucket in terms.Keys)
            {
                df[bucket]++;
            }
        }

        var idf = new double[options.NumBuckets];
        for (var b = 0; b < idf.Length; b++)
        {
            idf[b] = Math.Log((1.0 + documents) / (1.0 + df[b])) + 1.0;
        }

        var centroid = new double[options.NumBuckets];
        foreach (var terms in referenceTerms)
        {
            foreach (var (bucket, weight) in UnitVector(terms, idf, options.SublinearTf))
            {
                centroid[bucket] += weight / referenceTerms.Count;
            }
        }

        var norm = Math.Sqrt(centroid.Sum(w => w * w));
        if (norm > 0)
        {
            for (var b = 0; b < centroid.Length; b++)
            {
                centroid[b] /= norm;
            }
        }

        return new TfIdfScorer(idf, centroid, options, documents);
    }

    /// <inheritdoc />
    public double Score(string id, string text)
    {
        var score = 0.0;
        foreach (var (bucket, weight) in UnitVector(CountTerms(text, _idf.Length), _idf, _sublinearTf))
        {
            score += weight * _centroid[bucket];
        }

        return score;
    }

    private static Dictionary<int, int> CountTerms(string text, int numBuckets)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var counts = new Dictionary<int, int>();
        foreach (var match in TokenPatterns.Words().EnumerateMatches(lower))
        {
            var bucket = (int)(StableHash.Fnv1a64(lower.AsSpan(match.Index, match.Length)) % (ulong)numBuckets);
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }

        return counts;
    }

    private static List<(int Bucket, double Weight)> UnitVector(Dictionary<int, int> terms, double[] idf, bool sublinearTf)
    {
        var vector = new List<(int Bucket, double Weight)>(terms.Count);
        var squares = 0.0;
        foreach (var (bucket, count) in terms)
        {
            var tf = sublinearTf ? 1.0 + Math.Log(count) : count;
            var weight = tf * idf[bucket];
            vector.Add((bucket, weight));
            squares += weight * weight;
        }

        var norm = Math.Sqrt(squares);
        return norm > 0 ? vector.ConvertAll(v => (v.Bucket, v.Weight / norm)) : [];
    }
}
