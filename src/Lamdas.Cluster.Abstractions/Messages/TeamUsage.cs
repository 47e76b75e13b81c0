namespace Lamdas.Cluster.Messages;

/// <summary>What one team has in the cluster now, held against its limits when it submits a job.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.TeamUsage")]
public sealed record TeamUsage
{
    /// <summary>The team.</summary>
    [Id(0)]
    public required string Team { get; init; }

    /// <summary>The team's jobs that have not ended.</summary>
    [Id(1)]
    public int ActiveJobs { get; init; }

    /// <summary>Shards of those jobs not yet done (waiting or leased).</summary>
    [Id(2)]
    public long QueuedShards { get; init; }
}
