using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Coordination;

/// <summary>A job coordinator's persisted state: the submission, the phase, and every shard with its record.</summary>
[GenerateSerializer]
public sealed class CoordinatorState
{
    [Id(0)]
    public JobSubmission? Submission { get; set; }

    [Id(1)]
    public JobPhase Phase { get; set; }

    [Id(2)]
    public List<ShardRecord> Shards { get; set; } = [];

    [Id(3)]
    public JobProvenance? Provenance { get; set; }

    [Id(4)]
    public string? Message { get; set; }

    [Id(5)]
    public DateTimeOffset? FinishedUtc { get; set; }

    [Id(6)]
    public string Name { get; set; } = "";

    [Id(7)]
    public string Output { get; set; } = "";

    /// <summary>Attempts at the job-level tasks (prepare, finalize).</summary>
    [Id(8)]
    public int TaskAttempts { get; set; }

    /// <summary>Selected documents after finalization (top-fraction selects only then).</summary>
    [Id(9)]
    public long? FinalSelected { get; set; }

    /// <summary>Interruptions by the cluster of the current job-level task (prepare or finalize), since the phase began.</summary>
    [Id(10)]
    public int TaskInterruptions { get; set; }

    /// <summary>The submitted spec's fingerprint, carried by every lease (workers keep the spec while it matches).</summary>
    [Id(11)]
    public string SpecFingerprint { get; set; } = "";

    /// <summary>When the job first got a lease (prepare, shard or finalize); null while it waits for its first.</summary>
    [Id(12)]
    public DateTimeOffset? FirstLeaseUtc { get; set; }

    /// <summary>The prefix training's last reported epoch (kept after the job prepared, for the status).</summary>
    [Id(13)]
    public PrefixTrainingProgress? PrefixTraining { get; set; }
}
