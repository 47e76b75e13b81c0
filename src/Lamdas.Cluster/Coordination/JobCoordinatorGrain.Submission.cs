using Lamdas.Cluster.Aggregation;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Cluster.Coordination;

/// <summary>Submission: accepting the spec, claiming the output folder, planning the shards and adopting an earlier run's.</summary>
public sealed partial class JobCoordinatorGrain
{
    public async Task<JobStatus> SubmitAsync(JobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (S.Submission is { } existing)
        {
            if (existing.Spec != submission.Spec || existing.Team != submission.Team)
            {
                throw new InvalidOperationException($"job {JobId} already exists with a different specification");
            }

            return Status();
        }

        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.job.submit");
        activity?.SetTag("lamdas.job.id", JobId);
        activity?.SetTag("lamdas.team", submission.Team);
        var spec = submission.Spec;
        S.Submission = submission;
        S.SpecFingerprint = SpecFingerprint.Of(spec);
        S.Name = spec.Name;
        S.Output = spec.Output;
        S.Phase = JobPhase.Planning;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).AddAsync(new JobEntry(JobId, submission.Team, spec.Name, submission.SubmittedUtc, true, spec.Priority, submission.TeamWeight));

        var storage = JobStorage.For(store, submission.Scope);
        try
        {
            // The claim's callback may run off the grain's scheduler: it gets what it needs captured here.
            var registry = GrainFactory.GetGrain<IJobRegistryGrain>(0);
            var reclaim = submission.ReclaimOutput;
            var claim = await OutputClaim.TryAcquireAsync(storage, spec.Output, JobId, holder => CanTakeOverAsync(registry, reclaim, holder), CancellationToken.None);
            if (!claim.IsAcquired)
            {
                CoordinatorLog.PlanningFailed(logger, JobId, claim.Describe(spec.Output));
                await FinishAsync(JobPhase.Failed, claim.Describe(spec.Output), releaseClaim: false);
                return Status();
            }

            var plan = await JobPlanner.PlanDomainsAsync(storage, spec, null, CancellationToken.None);
            S.Shards = plan.Shards.Select(s => new ShardRecord { Plan = s }).ToList();
            if (plan.Resuming)
            {
                await AdoptEarlierRunAsync(storage, spec);
            }

            S.Phase = spec.Method == SelectionMethod.Lamdas ? JobPhase.Preparing : JobPhase.Scoring;
            RebuildTable();
            CoordinatorLog.Submitted(logger, JobId, submission.Team, S.Shards.Count, S.Phase.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever planning meets (an unreadable input, a format it cannot cut, storage refusing access), the job
            // ends failed with the reason and gives its output folder back; it never stays in planning.
            S.Shards = [];
            RebuildTable();
            var reason = e is JobFailedException or StorageException or IOException or JobSpecException
                ? e.Message
                : $"planning failed ({e.GetType().Name}): {e.Message}";
            CoordinatorLog.PlanningFailed(logger, JobId, reason);
            await FinishAsync(JobPhase.Failed, reason);
            return Status();
        }

        await state.WriteStateAsync();
        await PublishAsync("phase");
        await ReportLoadAsync();
        WakeWorkers();
        return await GetStatusAsync();
    }

    public Task<JobSpec> GetSpecAsync() =>
        S.Submission is { } submission
            ? Task.FromResult(submission.Spec)
            : throw new KeyNotFoundException($"job {JobId} does not exist");

    public Task<IReadOnlyList<ShardSpec>> GetPlanAsync() =>
        Task.FromResult<IReadOnlyList<ShardSpec>>(S.Shards.Select(s => s.Plan).ToList());

    /// <summary>
    /// Whether a claim on this job's output folder held by <paramref name="holder"/> may be taken over: by a local run
    /// (<paramref name="reclaim"/>: its operator owns the folder), or when the holder is a job this cluster knows has ended.
    /// </summary>
    private static async Task<bool> CanTakeOverAsync(IJobRegistryGrain registry, bool reclaim, string holder)
    {
        if (reclaim)
        {
            return true;
        }

        var entries = await registry.ListAsync();
        return entries.Any(e => string.Equals(e.JobId, holder, StringComparison.Ordinal) && !e.Active);
    }

    private async Task AdoptEarlierRunAsync(IObjectStore storage, JobSpec spec)
    {
        var adopted = 0;
        for (var i = 0; i < S.Shards.Count; i++)
        {
            if (await JobPlanner.CompletedDomainsAsync(storage, spec, i, CancellationToken.None) is { } results)
            {
                S.Shards[i].Status = ShardStatus.Done;
                S.Shards[i].Completion = ShardCompletions.From(i, results);
                adopted++;
            }
        }

        CoordinatorLog.Resumed(logger, JobId, adopted, S.Shards.Count);
    }
}
