namespace Lamdas.Selection.Tests;

public class HashedNgramsTests
{
    [Fact]
    public void FixedTextGivesFixedBuckets()
    {
        // Tokens: hello , world !  — then the bigrams "hello ,", ", world", "world !".
        // Constants derived once with a separate Python FNV-1a implementation (hash mod 10000).
        int[] expected = [6491, 7547, 5875, 6492, 6711, 3991, 5000];
        Assert.Equal(expected, HashedNgrams.Buckets("Hello, world!", 10000));
    }

    [Fact]
    public void BucketsAgreeWithTheNaiveHashOfEachFeature()
    {
        string[] features = ["naïve", "café", ".", "naïve café", "café ."];
        var expected = features.Select(f => ReferenceFnv.Bucket(f, 4096)).ToArray();
        Assert.Equal(expected, HashedNgrams.Buckets("NAÏVE Café.", 4096));
    }

    [Fact]
    public void PunctuationRunsAreSingleTokensLikeWordPunctTokenizer()
    {
        // "don't!!" → don ' t !!  (4 unigrams + 3 bigrams)
        string[] features = ["don", "'", "t", "!!", "don '", "' t", "t !!"];
        var expected = features.Select(f => ReferenceFnv.Bucket(f, 10000)).ToArray();
        Assert.Equal(expected, HashedNgrams.Buckets("don't!!", 10000));
    }

    [Fact]
    public void EmptyAndWhitespaceTextsHaveNoFeatures()
    {
        Assert.Empty(HashedNgrams.Buckets("", 10));
        Assert.Empty(HashedNgrams.Buckets(" \n\t ", 10));
    }
}
