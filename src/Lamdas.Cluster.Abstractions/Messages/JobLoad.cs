namespace Lamdas.Cluster.Messages;

/// <summary>
/// What a job's coordinator tells the registry about the workers it holds, for fair sharing between teams: the leases
/// out now, the shards not yet done, and when the job first got a worker.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobLoad")]
public sealed record JobLoad
{
    /// <summary>The job's id.</summary>
    [Id(0)]
    public required string JobId { get; init; }

    /// <summary>Leases held now (shards, and the prepare or finalize task).</summary>
    [Id(1)]
    public int Held { get; init; }

    /// <summary>Shards not yet done (waiting or leased); 0 before the job is planned.</summary>
    [Id(2)]
    public int Queued { get; init; }

    /// <summary>When the job first got a lease; null while it is waiting for its first.</summary>
    [Id(3)]
    public DateTimeOffset? FirstLeaseUtc { get; init; }
}
