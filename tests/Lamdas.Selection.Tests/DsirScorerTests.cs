namespace Lamdas.Selection.Tests;

public class DsirScorerTests
{
    private static readonly string[] Reference = ["the cat sat", "the cat"];
    private static readonly string[] Pool = ["the dog", "a dog sat"];

    // Reference counts: the 2, cat 2, sat 1, "the cat" 2, "cat sat" 1 (total 8).
    // Pool counts: the 1, dog 2, a 1, sat 1, "the dog" 1, "a dog" 1, "dog sat" 1 (total 8).
    // With add-one smoothing and equal totals the denominators (8 + 10000) cancel:
    // log weight(b) = ln(ref(b) + 1) − ln(pool(b) + 1).
    private static DsirScorer FitToy()
    {
        ReferenceFnv.AssertDistinctBuckets(
            10000, "the", "cat", "sat", "the cat", "cat sat", "dog", "a", "the dog", "a dog", "dog sat", "zebra", "cat the");
        return DsirScorer.Fit(Reference, Pool);
    }

    [Fact]
    public void ScoreIsTheSumOfHandComputedLogWeights()
    {
        var scorer = FitToy();
        // the: ln(3/2); cat: ln(3/1); "the cat": ln(3/1) → ln(1.5 · 9).
        Assert.Equal(Math.Log(13.5), scorer.Score("d1", "the cat"), 12);
        Assert.Equal(-Math.Log(3), scorer.Score("d2", "dog"), 12);
        Assert.Equal(0.0, scorer.Score("d3", "sat"), 12);
        Assert.Equal(0.0, scorer.Score("d4", "zebra"), 12);
        Assert.Equal(0.0, scorer.Score("d5", ""), 12);
    }

    [Fact]
    public void CountsEveryOccurrenceAndIgnoresCase()
    {
        var scorer = FitToy();
        // the ×2 → 2·ln(3/2); cat ×1 → ln 3; "the cat" → ln 3; "cat the" unseen → 0.
        Assert.Equal(2 * Math.Log(1.5) + 2 * Math.Log(3), scorer.Score("d", "The CAT the"), 12);
        Assert.Equal(scorer.Score("a", "the cat"), scorer.Score("b", "THE Cat"));
    }

    [Fact]
    public void SmoothingAndUnequalTotalsFollowTheFormula()
    {
        ReferenceFnv.AssertDistinctBuckets(100, "x", "y", "x y", "z", "w", "x x");
        var scorer = DsirScorer.Fit(["x y"], ["z"], new DsirOptions { NumBuckets = 100, Smoothing = 0.5 });
        // Reference: x, y, "x y" → total 3, denominator 3 + 0.5·100 = 53. Pool: z → total 1, denominator 51.
        Assert.Equal(Math.Log(1.5 / 53) - Math.Log(0.5 / 51), scorer.Score("x", "x"), 12);
        Assert.Equal(Math.Log(0.5 / 53) - Math.Log(1.5 / 51), scorer.Score("z", "z"), 12);
        Assert.Equal(Math.Log(51.0 / 53), scorer.Score("w", "w"), 12);
        // x ×2 plus the unseen bigram "x x".
        Assert.Equal(2 * Math.Log(153.0 / 53) + Math.Log(51.0 / 53), scorer.Score("xx", "x x"), 12);
        Assert.Equal(3, scorer.ReferenceFeatures);
        Assert.Equal(1, scorer.PoolFeatures);
    }

    [Fact]
    public void FitEnumeratesEachSequenceOnce()
    {
        var reference = new CountingSequence(Reference);
        var pool = new CountingSequence(Pool);
        DsirScorer.Fit(reference, pool);
        Assert.Equal(1, reference.Enumerations);
        Assert.Equal(1, pool.Enumerations);
    }

    [Fact]
    public void ConcurrentScoringMatchesSequential()
    {
        var scorer = FitToy();
        var texts = Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? "the cat sat" + i : "a dog " + i).ToArray();
        var sequential = texts.Select(t => scorer.Score("", t)).ToArray();
        var parallel = texts.AsParallel().AsOrdered().Select(t => scorer.Score("", t)).ToArray();
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void RejectsInvalidOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DsirScorer.Fit(Reference, Pool, new DsirOptions { NumBuckets = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DsirScorer.Fit(Reference, Pool, new DsirOptions { Smoothing = 0 }));
    }
}
