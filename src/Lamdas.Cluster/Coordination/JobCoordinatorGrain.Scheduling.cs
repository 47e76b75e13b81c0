using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Coordination;

/// <summary>
/// Scheduling: the leases the job holds, reported to the registry (which orders the jobs for the workers by team
/// share), and the job's wait for its first worker and place in the queue.
/// </summary>
public sealed partial class JobCoordinatorGrain
{
    /// <summary>A report unchanged for this long is sent again (the registry keeps no copy across activations).</summary>
    private static readonly TimeSpan LoadRefresh = TimeSpan.FromSeconds(5);

    private JobLoad? _reported;
    private DateTimeOffset _reportedAt;

    public async Task<JobStatus> GetStatusAsync()
    {
        var status = Status();
        if (status.IsFinished || status.FirstLeaseUtc is not null || S.Submission is null)
        {
            return status;
        }

        var position = await GrainFactory.GetGrain<IJobRegistryGrain>(0).QueuePositionAsync(JobId);
        return status with { QueuePosition = position };
    }

    /// <summary>Tells the registry the leases the job holds now, when they changed since the last report or it is due again.</summary>
    private async Task ReportLoadAsync()
    {
        if (S.Submission is null || S.Phase is JobPhase.Succeeded or JobPhase.Failed or JobPhase.Cancelled)
        {
            return;
        }

        var now = time.GetUtcNow();
        var load = Load(now);
        if (load == _reported && now - _reportedAt < LoadRefresh)
        {
            return;
        }

        (_reported, _reportedAt) = (load, now);

        // One-way: the registry's answer is not awaited, so the lease in hand is never held up by it.
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).ReportLoadAsync(load);
    }

    private JobLoad Load(DateTimeOffset now) => new()
    {
        JobId = JobId,
        Held = (_table?.Leased ?? 0) + (_task is { } t && t.Expires > now ? 1 : 0),
        Queued = S.Phase is JobPhase.Planning or JobPhase.Preparing or JobPhase.Scoring && _table is not null
            ? _table.Total - _table.Done - _table.Failed
            : 0,
        FirstLeaseUtc = S.FirstLeaseUtc,
    };

    /// <summary>Seconds from submission to the first lease, or to now (or the end) while the job has had none.</summary>
    private double WaitSeconds()
    {
        if (S.Submission is not { } submission)
        {
            return 0;
        }

        var until = S.FirstLeaseUtc ?? S.FinishedUtc ?? time.GetUtcNow();
        return Math.Max(0, (until - submission.SubmittedUtc).TotalSeconds);
    }
}
