namespace Lamdas.Engine.Batching;

/// <summary>
/// Plans batches from length buckets. A sequence is always padded to the bucket of its own length, never to
/// its batch-mates', so its numbers do not depend on which documents share its batch. Bucket widths grow with
/// length (1/8 of the power of two below it, at least 8), which bounds padding to ~12% and typically ~4%.
/// </summary>
public static class LengthBuckets
{
    public static int BucketLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var power = 1 << (31 - int.LeadingZeroCount(length));
        var width = Math.Max(8, power / 8);
        return (length + width - 1) / width * width;
    }

    /// <summary>
    /// Groups sequences (length = tokens fed to the model) by bucket, keeping request order inside a bucket, and
    /// cuts each bucket into batches of at most <paramref name="batchTokens"/> padded tokens (at least one row).
    /// Zero-length sequences are left out.
    /// </summary>
    public static IReadOnlyList<PlannedBatch> Plan(IReadOnlyList<int> lengths, int batchTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchTokens);
        var buckets = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < lengths.Count; i++)
        {
            if (lengths[i] <= 0)
            {
                continue;
            }

            var bucket = BucketLength(lengths[i]);
            if (!buckets.TryGetValue(bucket, out var members))
            {
                buckets[bucket] = members = [];
            }

            members.Add(i);
        }

        var batches = new List<PlannedBatch>();
        foreach (var (bucket, members) in buckets)
        {
            var rows = Math.Max(1, batchTokens / bucket);
            for (var start = 0; start < members.Count; start += rows)
            {
                var count = Math.Min(rows, members.Count - start);
                batches.Add(new PlannedBatch(members.GetRange(start, count).ToArray(), bucket));
            }
        }

        return batches;
    }
}
