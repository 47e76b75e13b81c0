using Lamdas.Engine.Batching;

namespace Lamdas.Engine.Tests;

public sealed class LengthBucketsTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 16)]
    [InlineData(64, 64)]
    [InlineData(65, 72)]
    [InlineData(130, 144)]
    [InlineData(1000, 1024)]
    [InlineData(1025, 1152)]
    public void BucketsRoundUpWithBoundedWaste(int length, int bucket) =>
        Assert.Equal(bucket, LengthBuckets.BucketLength(length));

    [Fact]
    public void PaddingIsBoundedAboveSixtyFourTokens()
    {
        for (var n = 64; n <= 4096; n++)
        {
            var b = LengthBuckets.BucketLength(n);
            Assert.True(b >= n);
            Assert.True((b - n) / (double)b < 0.125, $"{n} -> {b}");
        }
    }

    [Fact]
    public void PlanCoversEverySequenceOnceWithinBudget()
    {
        var rng = new Random(1);
        var lengths = Enumerable.Range(0, 500).Select(_ => rng.Next(0, 1500)).ToArray();
        var plan = LengthBuckets.Plan(lengths, 4096);
        var seen = plan.SelectMany(b => b.Members).ToList();
        Assert.Equal(lengths.Count(l => l > 0), seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        foreach (var batch in plan)
        {
            Assert.True(batch.Members.Length == 1 || batch.PaddedTokens <= 4096);
            for (var i = 0; i < batch.Members.Length; i++)
            {
                Assert.Equal(LengthBuckets.BucketLength(lengths[batch.Members[i]]), batch.PaddedLengths[i]);
            }
        }
    }
}
