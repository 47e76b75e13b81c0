namespace Lamdas.Selection.Tests;

public class TfIdfScorerTests
{
    private const int Buckets = 1 << 18;

    [Fact]
    public void OneReferenceDocument()
    {
        ReferenceFnv.AssertDistinctBuckets(Buckets, "apple", "banana", "cherry");
        var scorer = TfIdfScorer.Fit(["apple banana"], ["apple cherry"]);
        // N = 2; df(apple) = 2 → idf 1; df(banana) = df(cherry) = 1 → idf = ln(3/2) + 1.
        var idfRare = Math.Log(1.5) + 1;
        // Reference direction (1, idfRare) over (apple, banana); "apple" alone is (1, 0).
        Assert.Equal(1 / Math.Sqrt(1 + idfRare * idfRare), scorer.Score("a", "apple"), 12);
        Assert.Equal(idfRare / Math.Sqrt(1 + idfRare * idfRare), scorer.Score("b", "Banana!"), 12);
        Assert.Equal(1.0, scorer.Score("c", "banana, APPLE"), 12);
        Assert.Equal(0.0, scorer.Score("d", "cherry"), 12);
        Assert.Equal(2, scorer.Documents);
    }

    [Fact]
    public void CentroidIsTheMeanOfNormalisedReferenceVectors()
    {
        ReferenceFnv.AssertDistinctBuckets(Buckets, "apple", "banana", "cherry");
        // N = 3, every df = 1 → equal idf; centroid ∝ (1, 1) over (apple, banana).
        var scorer = TfIdfScorer.Fit(["apple", "banana banana banana"], ["cherry"]);
        Assert.Equal(1 / Math.Sqrt(2), scorer.Score("a", "apple"), 12);
        Assert.Equal(1.0, scorer.Score("ab", "apple banana"), 12);
        // Raw tf (2, 1) → (2 + 1) / (√5 · √2).
        Assert.Equal(3 / Math.Sqrt(10), scorer.Score("aab", "apple apple banana"), 12);
    }

    [Fact]
    public void SublinearTfUsesOnePlusLogCount()
    {
        ReferenceFnv.AssertDistinctBuckets(Buckets, "apple", "banana", "cherry");
        var scorer = TfIdfScorer.Fit(["apple", "banana"], ["cherry"], new TfIdfOptions { SublinearTf = true });
        var tf = 1 + Math.Log(2);
        Assert.Equal((tf + 1) / (Math.Sqrt(2) * Math.Sqrt(tf * tf + 1)), scorer.Score("aab", "apple apple banana"), 12);
    }

    [Fact]
    public void TextWithoutTermsScoresZero()
    {
        var scorer = TfIdfScorer.Fit(["apple banana"], ["apple cherry"]);
        Assert.Equal(0.0, scorer.Score("e", ""));
        Assert.Equal(0.0, scorer.Score("s", "a b c ! ?")); // single characters are not terms
    }

    [Fact]
    public void PoolIsEnumeratedOnceAndReferenceMustBeNonEmpty()
    {
        var pool = new CountingSequence(["apple cherry", "kiwi"]);
        TfIdfScorer.Fit(["apple"], pool);
        Assert.Equal(1, pool.Enumerations);
        Assert.Throws<ArgumentException>(() => TfIdfScorer.Fit([], ["apple"]));
    }
}
