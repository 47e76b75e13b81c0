namespace Lamdas.Cluster.Messages;

/// <summary>A shard whose output files are committed (aggregator → worker → coordinator).</summary>
[GenerateSerializer, Immutable, Alias("lamdas.ShardCompletion")]
public sealed record ShardCompletion
{
    /// <summary>The shard's result (counts, committed files with checksums, examples) as JSON.</summary>
    [Id(0)]
    public required string ResultJson { get; init; }

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
}
