using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Grains;

/// <summary>
/// Exactly one per silo (key: the silo's address; placed on that silo). Owns the silo's device: the frozen model
/// is loaded once per silo, prefixes are cached by fingerprint, and a loop off the Orleans scheduler pulls
/// leases from the coordinators of active jobs.
/// </summary>
[Alias("lamdas.IScoringWorkerGrain")]
public interface IScoringWorkerGrain : IGrainWithStringKey
{
    /// <summary>Starts the pull loop (idempotent).</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>A job was submitted: look for work now instead of at the next poll.</summary>
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>
    /// Job <paramref name="jobId"/> was cancelled: stop the work in hand for it now (within one optimiser step or
    /// batch), report nothing for its lease, and move on to other jobs. Does nothing when the worker holds no
    /// work of that job.
    /// </summary>
    [Alias("AbortJob")]
    Task AbortJobAsync(string jobId);

    [Alias("GetStatus")]
    Task<WorkerStatus> GetStatusAsync();
}
