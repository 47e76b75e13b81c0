namespace Lamdas.Cluster.Messages;

/// <summary>
/// A shard whose output files and result marker (<c>_progress/part-NNNNN.json</c>) are committed
/// (aggregator → worker → coordinator); the counts feed the job's progress.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.ShardCompletion")]
public sealed record ShardCompletion
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

    /// <summary>Seconds the worker spent scoring the shard.</summary>
    [Id(5)]
    public double Seconds { get; init; }

    /// <summary>The worker that scored the shard.</summary>
    [Id(6)]
    public string Worker { get; init; } = "";

    /// <summary>A cascade job's documents that reached the LLM (null without a cascade: all of <see cref="Documents"/>).</summary>
    [Id(7)]
    public long? ModelDocuments { get; init; }
}
