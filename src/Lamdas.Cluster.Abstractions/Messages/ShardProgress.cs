namespace Lamdas.Cluster.Messages;

/// <summary>
/// What a worker has scored of the shard it holds so far (worker → coordinator, at most about once a second):
/// running totals for the lease, not increments, so a lost or repeated report does no harm. The coordinator shows
/// them as in-flight counts until the shard commits, and drops them when the lease is lost.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.ShardProgress")]
public sealed record ShardProgress
{
    [Id(0)]
    public int ShardIndex { get; init; }

    [Id(1)]
    public long Documents { get; init; }

    [Id(2)]
    public long Selected { get; init; }

    [Id(3)]
    public long Quarantined { get; init; }

    [Id(4)]
    public long Tokens { get; init; }

    /// <summary>Input bytes behind the documents so far (uncompressed JSONL shards; 0 where the reader cannot tell).</summary>
    [Id(5)]
    public long Bytes { get; init; }

    /// <summary>Seconds the worker has spent on the shard so far.</summary>
    [Id(6)]
    public double Seconds { get; init; }

    /// <summary>The worker scoring the shard.</summary>
    [Id(7)]
    public string Worker { get; init; } = "";

    /// <summary>Whether the counts are plausible: none negative, the seconds finite.</summary>
    public bool IsValid => ShardIndex >= 0 && Documents >= 0 && Selected >= 0 && Quarantined >= 0 && Tokens >= 0 && Bytes >= 0
        && double.IsFinite(Seconds) && Seconds >= 0 && Worker.Length <= 512;
}
