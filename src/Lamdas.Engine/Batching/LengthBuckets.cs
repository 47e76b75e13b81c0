namespace Lamdas.Engine.Batching;

/// <summary>
/// Length buckets for attention padding, and the batch plan. A sequence's attention is always padded to the
/// bucket of its own length, never to its batch-mates', and dense layers run on packed tokens, so a document's
/// numbers do not depend on which documents share its batch. Bucket widths grow with length (1/8 of the power of
/// two below it, at least 8), bounding attention padding to ~12% (typically ~4%).
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
    /// Orders sequences (length = tokens fed to the model) by bucket, keeping request order inside a bucket, and
    /// fills batches up to <paramref name="batchTokens"/> padded tokens (at least one sequence each). Zero-length
    /// sequences are left out.
    /// </summary>
    public static IReadOnlyList<PlannedBatch> Plan(IReadOnlyList<int> lengths, int batchTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchTokens);
        var order = Enumerable.Range(0, lengths.Count)
            .Where(i => lengths[i] > 0)
            .OrderBy(i => BucketLength(lengths[i]))
            .ThenBy(i => i)
            .ToList();
        var batches = new List<PlannedBatch>();
        var members = new List<int>();
        var padded = new List<int>();
        long used = 0;
        foreach (var i in order)
        {
            var bucket = BucketLength(lengths[i]);
            if (members.Count > 0 && used + bucket > batchTokens)
            {
                batches.Add(new PlannedBatch([.. members], [.. padded]));
                members.Clear();
                padded.Clear();
                used = 0;
            }

            members.Add(i);
            padded.Add(bucket);
            used += bucket;
        }

        if (members.Count > 0)
        {
            batches.Add(new PlannedBatch([.. members], [.. padded]));
        }

        return batches;
    }
}
