using Lamdas.Cluster.Messages;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Orleans.Concurrency;

namespace Lamdas.Cluster.Grains;

/// <summary>
/// One per job (key: job id). Plans the shards, leases them to workers with expiry, re-leases on expiry or
/// failure, quarantines a shard that keeps failing, finalizes the output, and keeps its state in grain storage
/// so a job survives the loss of the silo hosting it.
/// </summary>
[Alias("lamdas.IJobCoordinatorGrain")]
public interface IJobCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Accepts the job (idempotent for the same spec) and starts planning.</summary>
    [Alias("Submit")]
    Task<JobStatus> SubmitAsync(JobSubmission submission);

    /// <summary>The job's validated spec, as submitted (workers fetch it once per job; leases carry its fingerprint).</summary>
    [Alias("GetSpec")]
    Task<JobSpec> GetSpecAsync();

    [Alias("GetStatus")]
    Task<JobStatus> GetStatusAsync();

    [Alias("Cancel")]
    Task<JobStatus> CancelAsync(string reason);

    /// <summary>The next piece of work for a worker: prepare the job, a shard, finalize, wait, or finished.</summary>
    [Alias("Lease")]
    Task<ShardLease> LeaseAsync(WorkerInfo worker);

    /// <summary>Heartbeat: extends the lease; false when the lease is no longer the worker's (stop work on it).</summary>
    [Alias("Renew")]
    Task<bool> RenewAsync(string leaseId);

    [Alias("CompletePreparation")]
    Task CompletePreparationAsync(string leaseId, JobProvenance provenance);

    [Alias("CompleteShard")]
    Task CompleteShardAsync(string leaseId, ShardCompletion completion);

    /// <summary>The job's outputs are final; <paramref name="selected"/> is the final count (top-fraction selects here).</summary>
    [Alias("CompleteFinalization")]
    Task CompleteFinalizationAsync(string leaseId, bool succeeded, string message, long selected);

    /// <summary>The worker gave up on the leased work; it is re-leased (or quarantined after too many attempts).</summary>
    [Alias("Fail")]
    Task FailAsync(string leaseId, string reason);

    /// <summary>The planned shards, in order (workers fitting baselines sample from them).</summary>
    [Alias("GetPlan")]
    Task<IReadOnlyList<ShardSpec>> GetPlanAsync();

    /// <summary>The worker hands the lease back unfinished (graceful shutdown); it is leased again without counting an attempt.</summary>
    [Alias("GiveBack")]
    Task GiveBackAsync(string leaseId);

    /// <summary>
    /// The worker was interrupted by the cluster, not by the shard (a silo it was talking to was lost): the work is
    /// leased again without counting an attempt, up to <c>MaxInterruptions</c> times per shard, after which each
    /// interruption counts as a failure.
    /// </summary>
    [Alias("Interrupted")]
    Task InterruptedAsync(string leaseId, string reason);

    /// <summary>
    /// How far the holder of a shard lease is within its shard (running totals for the lease, at most about once a
    /// second). Counted as in flight, apart from the committed counts, while the lease is live; ignored otherwise.
    /// </summary>
    [Alias("ReportShardProgress")]
    [OneWay]
    Task ReportShardProgressAsync(string leaseId, ShardProgress progress);

    /// <summary>The holder of the prepare lease finished an epoch of the prefix training; ignored from any other lease.</summary>
    [Alias("ReportPrefixTraining")]
    [OneWay]
    Task ReportPrefixTrainingAsync(string leaseId, PrefixTrainingProgress progress);

    /// <summary>Provenance reported by the worker that prepared the job (null before).</summary>
    [Alias("GetProvenance")]
    Task<JobProvenance?> GetProvenanceAsync();
}
