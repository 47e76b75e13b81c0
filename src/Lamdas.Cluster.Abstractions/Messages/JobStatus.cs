using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Messages;

/// <summary>A job's progress, as the API and the CLI show it.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobStatus")]
public sealed record JobStatus
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public string Team { get; init; } = "";

    [Id(2)]
    public string Name { get; init; } = "";

    [Id(3)]
    public JobPhase Phase { get; init; }

    [Id(4)]
    public int ShardsTotal { get; init; }

    [Id(5)]
    public int ShardsDone { get; init; }

    [Id(6)]
    public int ShardsLeased { get; init; }

    [Id(7)]
    public int ShardsFailed { get; init; }

    [Id(8)]
    public long Documents { get; init; }

    [Id(9)]
    public long Selected { get; init; }

    [Id(10)]
    public long Quarantined { get; init; }

    [Id(11)]
    public long Tokens { get; init; }

    [Id(12)]
    public string Output { get; init; } = "";

    [Id(13)]
    public string? Message { get; init; }

    [Id(14)]
    public DateTimeOffset SubmittedUtc { get; init; }

    [Id(15)]
    public DateTimeOffset? FinishedUtc { get; init; }

    /// <summary>Scoring throughput per worker (silo), tokens per second over the job so far.</summary>
    [Id(16)]
    public IReadOnlyDictionary<string, double> WorkerTokensPerSecond { get; init; } = new Dictionary<string, double>();

    [Id(17)]
    public long BytesTotal { get; init; }

    [Id(18)]
    public long BytesDone { get; init; }

    /// <summary>The silo hosting the job's coordinator now.</summary>
    [Id(19)]
    public string? CoordinatorSilo { get; init; }

    /// <summary>Aggregator partitions of the job: aggregator grain keys are "{job id}/{0…Partitions-1}".</summary>
    [Id(20)]
    public int Partitions { get; init; }

    /// <summary>What the cascade's pilot found: null for a job without a cascade, or before its pilot ran.</summary>
    [Id(21)]
    public CascadePilot? Cascade { get; init; }

    /// <summary>A cascade job's documents that reached the LLM in the shards done so far (null without a cascade).</summary>
    [Id(22)]
    public long? ModelDocuments { get; init; }

    /// <summary>When the job first got a worker (a lease of any kind); null while it waits for its first.</summary>
    [Id(23)]
    public DateTimeOffset? FirstLeaseUtc { get; init; }

    /// <summary>
    /// Seconds from submission until the job first got a worker, or until now (until it ended, if it ended without
    /// one) while it has had none.
    /// </summary>
    [Id(24)]
    public double WaitSeconds { get; init; }

    /// <summary>
    /// Among the jobs waiting for their first worker, this job's place in the order workers take them (1: next); null
    /// once it has had a worker, or when it has ended.
    /// </summary>
    [Id(25)]
    public int? QueuePosition { get; init; }

    /// <summary>
    /// Documents scored in shards still in progress (live leases), not yet committed: not part of
    /// <see cref="Documents"/>. A lease that is lost takes its in-flight counts with it.
    /// </summary>
    [Id(26)]
    public long InFlightDocuments { get; init; }

    /// <summary>Of the in-flight documents, those selected so far (not part of <see cref="Selected"/>).</summary>
    [Id(27)]
    public long InFlightSelected { get; init; }

    /// <summary>Records of shards in progress that could not be scored (not part of <see cref="Quarantined"/>).</summary>
    [Id(28)]
    public long InFlightQuarantined { get; init; }

    /// <summary>Tokens scored in shards still in progress (not part of <see cref="Tokens"/>).</summary>
    [Id(29)]
    public long InFlightTokens { get; init; }

    /// <summary>Input bytes behind the in-flight documents, where the reader can tell (not part of <see cref="BytesDone"/>).</summary>
    [Id(30)]
    public long InFlightBytes { get; init; }

    /// <summary>The prefix training's last epoch (null when the job trains no prefix, or before its first epoch).</summary>
    [Id(31)]
    public PrefixTrainingProgress? PrefixTraining { get; init; }

    public bool IsFinished => Phase is JobPhase.Succeeded or JobPhase.Failed or JobPhase.Cancelled;
}
