using Lamdas.Formats;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Messages;

/// <summary>A time-limited right to process one shard (or to prepare the job) — renewed by heartbeats.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.ShardLease")]
public sealed record ShardLease
{
    [Id(0)]
    public LeaseKind Kind { get; init; }

    [Id(1)]
    public string LeaseId { get; init; } = "";

    [Id(2)]
    public string JobId { get; init; } = "";

    /// <summary>
    /// Which version of the job's spec the lease is for (<see cref="Lamdas.Jobs.Spec.SpecFingerprint"/>): the worker
    /// fetches the spec once per job from the coordinator and keeps it while the fingerprint matches.
    /// </summary>
    [Id(3)]
    public string SpecFingerprint { get; init; } = "";

    [Id(4)]
    public int ShardIndex { get; init; } = -1;

    [Id(5)]
    public ShardSpec? Shard { get; init; }

    [Id(6)]
    public DateTimeOffset ExpiresUtc { get; init; }

    /// <summary>Which aggregator grain collects this shard's scores.</summary>
    [Id(7)]
    public string AggregatorKey { get; init; } = "";

    /// <summary>How often the worker must renew (heartbeat).</summary>
    [Id(8)]
    public TimeSpan RenewEvery { get; init; }

    [Id(9)]
    public int Attempt { get; init; }

    /// <summary>Finalize only: labels file for the report (optional).</summary>
    [Id(10)]
    public string? Labels { get; init; }

    /// <summary>Finalize only: shards that failed every attempt, with their last error.</summary>
    [Id(11)]
    public IReadOnlyDictionary<int, string> FailedShards { get; init; } = new Dictionary<int, string>();

    /// <summary>Finalize only: the model and prefix the scores came from.</summary>
    [Id(12)]
    public JobProvenance? Provenance { get; init; }

    /// <summary>The storage the job is confined to (null: unconfined, a local run).</summary>
    [Id(13)]
    public StorageScope? Scope { get; init; }

    public static ShardLease Waiting { get; } = new() { Kind = LeaseKind.Wait };

    public static ShardLease Done { get; } = new() { Kind = LeaseKind.Finished };
}
