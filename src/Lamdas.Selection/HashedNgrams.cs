namespace Lamdas.Selection;

/// <summary>
/// DSIR's hashed n-gram features: the text is lower-cased (invariant culture), split into words and punctuation runs
/// (<c>\w+|[^\w\s]+</c>, NLTK's WordPunctTokenizer), and every unigram and every bigram (the two tokens joined by one
/// space) is hashed with FNV-1a 64 over UTF-8 into <c>hash mod numBuckets</c>.
/// </summary>
public static class HashedNgrams
{
    /// <summary>The bucket of every feature of <paramref name="text"/>: all unigrams in order, then all bigrams in order.</summary>
    public static IReadOnlyList<int> Buckets(string text, int numBuckets)
    {
        var unigrams = new List<int>();
        var bigrams = new List<int>();
        Visit(text, numBuckets, unigrams.Add, bigrams.Add);
        unigrams.AddRange(bigrams);
        return unigrams;
    }

    /// <summary>Adds the feature counts of <paramref name="text"/> to <paramref name="counts"/> and returns how many features it had.</summary>
    internal static long Accumulate(string text, long[] counts)
    {
        long features = 0;
        void Add(int bucket)
        {
            counts[bucket]++;
            features++;
        }

        Visit(text, counts.Length, Add, Add);
        return features;
    }

    /// <summary>Sums <paramref name="weights"/> over the features of <paramref name="text"/> (each occurrence counts once).</summary>
    internal static double Sum(string text, double[] weights)
    {
        var sum = 0.0;
        void Add(int bucket) => sum += weights[bucket];
        Visit(text, weights.Length, Add, Add);
        return sum;
    }

    private static void Visit(string text, int numBuckets, Action<int> unigram, Action<int> bigram)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(numBuckets, 1);
        var lower = text.ToLowerInvariant();
        var buckets = (ulong)numBuckets;
        var previous = 0UL;
        var havePrevious = false;
        foreach (var match in TokenPatterns.WordPunct().EnumerateMatches(lower))
        {
            var token = lower.AsSpan(match.Index, match.Length);
            var hash = StableHash.Fnv1a64(token);
            unigram((int)(hash % buckets));
            if (havePrevious)
            {
                var joined = StableHash.Fnv1a64Continue(StableHash.Fnv1a64Continue(previous, " "), token);
                bigram((int)(joined % buckets));
            }

            previous = hash;
            havePrevious = true;
        }
    }
}
