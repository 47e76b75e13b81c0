using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace Lamdas.Cluster.Coordination;

/// <summary>
/// Coordinates one job (see <see cref="IJobCoordinatorGrain"/>). Shard bookkeeping lives in a
/// <see cref="LeaseTable"/>; the state is written behind (at most every flush interval, and at once on phase
/// changes), which is safe because a shard completed but not yet written is simply scored again and commits the
/// same bytes.
/// </summary>
public sealed class JobCoordinatorGrain(
    [PersistentState("job", ClusterNames.Storage)] IPersistentState<CoordinatorState> state,
    IOptions<LamdasClusterOptions> options,
    IObjectStore store,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<JobCoordinatorGrain> logger) : Grain, IJobCoordinatorGrain
{
    private readonly LamdasClusterOptions settings = options.Value;
    private readonly Dictionary<string, (long Tokens, double Seconds)> perWorker = new(StringComparer.Ordinal);
    private LeaseTable? table;
    private JobTaskLease? task;
    private IAsyncStream<JobEvent>? events;
    private bool dirty;
    private bool changed;
    private long documents, selected, quarantined, tokens, bytesDone, bytesTotal;

    private string JobId => this.GetPrimaryKeyString();

    private CoordinatorState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        events = this.GetStreamProvider(ClusterNames.StreamProvider)
            .GetStream<JobEvent>(StreamId.Create(ClusterNames.JobEventsNamespace, JobId));
        if (S.Submission is not null)
        {
            RebuildTable();
        }

        this.RegisterGrainTimer(TickAsync, settings.FlushInterval, settings.FlushInterval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (dirty)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The silo is going away (its storage may already be gone): the last flushed state stands, and work
                // done since is adopted from the output folder or redone with the same bytes.
                CoordinatorLog.FinalWriteFailed(logger, JobId, e.Message);
            }
        }
    }

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
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).AddAsync(new JobEntry(JobId, submission.Team, spec.Name, submission.SubmittedUtc, true));

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

            var plan = await JobPlanner.PlanAsync(storage, spec, null, CancellationToken.None);
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
        WakeWorkers();
        return Status();
    }

    public Task<JobSpec> GetSpecAsync() =>
        S.Submission is { } submission
            ? Task.FromResult(submission.Spec)
            : throw new KeyNotFoundException($"job {JobId} does not exist");

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<JobStatus> CancelAsync(string reason)
    {
        if (S.Submission is null)
        {
            throw new KeyNotFoundException($"job {JobId} does not exist");
        }

        if (!Status().IsFinished)
        {
            table?.Clear();
            task = null;
            await FinishAsync(JobPhase.Cancelled, string.IsNullOrWhiteSpace(reason) ? "cancelled" : $"cancelled: {reason}");

            // Every lease of the job is void now; the workers holding one stop at once rather than at their next
            // heartbeat (which would also find the lease gone).
            AbortWorkers();
        }

        return Status();
    }

    public async Task<ShardLease> LeaseAsync(WorkerInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        switch (S.Phase)
        {
            case JobPhase.Planning:
                return ShardLease.Waiting;
            case JobPhase.Preparing:
                return TaskLease(LeaseKind.Prepare, worker);
            case JobPhase.Scoring:
                // A worker gets at most as many shards at once as it said it can score (one per device).
                if (table!.HeldBy(worker.WorkerId) >= Math.Max(1, worker.Capacity))
                {
                    return ShardLease.Waiting;
                }

                var lease = table.TryLease(worker.WorkerId);
                if (lease is { } l)
                {
                    dirty = changed = true;
                    LamdasTelemetry.ShardsLeased.Add(1, LamdasTelemetry.Job(JobId));
                    var plan = S.Shards[l.Shard].Plan;
                    return new ShardLease
                    {
                        Kind = LeaseKind.Shard,
                        LeaseId = l.LeaseId,
                        JobId = JobId,
                        SpecFingerprint = S.SpecFingerprint,
                        ShardIndex = l.Shard,
                        Shard = plan,
                        ExpiresUtc = l.Expires,
                        RenewEvery = RenewEvery,
                        AggregatorKey = AggregatorKey(l.Shard),
                        Attempt = l.Attempt,
                        Scope = S.Submission!.Scope,
                    };
                }

                if (!table.Finished)
                {
                    return ShardLease.Waiting;
                }

                await EnterAsync(JobPhase.Finalizing);
                return TaskLease(LeaseKind.Finalize, worker);
            case JobPhase.Finalizing:
                return TaskLease(LeaseKind.Finalize, worker);
            default:
                return ShardLease.Done;
        }
    }

    public Task<bool> RenewAsync(string leaseId)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        if (task is { } t && t.LeaseId == leaseId)
        {
            task = t with { Expires = time.GetUtcNow() + settings.LeaseDuration };
            return Task.FromResult(true);
        }

        return Task.FromResult(S.Phase == JobPhase.Scoring && table!.Renew(leaseId));
    }

    public async Task CompletePreparationAsync(string leaseId, JobProvenance provenance)
    {
        if (S.Phase != JobPhase.Preparing)
        {
            return;
        }

        S.Provenance = provenance;
        task = null;
        await EnterAsync(JobPhase.Scoring);
        WakeWorkers();
    }

    public async Task CompleteShardAsync(string leaseId, ShardCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (table is null || S.Phase is not (JobPhase.Scoring or JobPhase.Finalizing) || !table.Complete(leaseId, completion.ShardIndex, completion))
        {
            return;
        }

        Count(completion);
        LamdasTelemetry.ShardsCompleted.Add(1, LamdasTelemetry.Job(JobId));
        dirty = changed = true;
        if (table.Finished && S.Phase == JobPhase.Scoring)
        {
            await EnterAsync(JobPhase.Finalizing);
            WakeWorkers();
        }
    }

    public async Task CompleteFinalizationAsync(string leaseId, bool succeeded, string message, long selected)
    {
        if (S.Phase != JobPhase.Finalizing)
        {
            return;
        }

        task = null;
        S.FinalSelected = selected;
        this.selected = selected;
        await FinishAsync(succeeded ? JobPhase.Succeeded : JobPhase.Failed, message);
    }

    public async Task FailAsync(string leaseId, string reason)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        if (task is { } t && t.LeaseId == leaseId)
        {
            CoordinatorLog.TaskFailed(logger, JobId, t.Kind.ToString(), reason);
            task = null;
            await FailTaskIfExhaustedAsync(t.Kind, reason);
            return;
        }

        if (table is not null && S.Phase == JobPhase.Scoring)
        {
            var index = LeaseTable.ShardOf(leaseId) ?? -1;
            table.Fail(leaseId, reason);
            LamdasTelemetry.ShardsFailed.Add(1, LamdasTelemetry.Job(JobId));
            if (index >= 0 && index < S.Shards.Count)
            {
                CoordinatorLog.ShardFailed(logger, JobId, index, S.Shards[index].Attempts, reason);
            }

            await ShardReleasedAsync();
        }
    }

    public Task GiveBackAsync(string leaseId)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        if (task is { } t && t.LeaseId == leaseId)
        {
            task = null;
            S.TaskAttempts = Math.Max(0, S.TaskAttempts - 1);
        }
        else if (table is not null && S.Phase == JobPhase.Scoring)
        {
            table.GiveBack(leaseId);
            dirty = changed = true;
        }

        return Task.CompletedTask;
    }

    public async Task InterruptedAsync(string leaseId, string reason)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        ArgumentNullException.ThrowIfNull(reason);
        if (task is { } t && t.LeaseId == leaseId)
        {
            // Prepare and finalize are redone from the start: an interruption does not use one of their attempts,
            // unless the task keeps being interrupted.
            task = null;
            dirty = true;
            if (S.TaskInterruptions >= settings.MaxInterruptions)
            {
                CoordinatorLog.TaskFailed(logger, JobId, t.Kind.ToString(), reason);
                await FailTaskIfExhaustedAsync(t.Kind, $"{reason} (interrupted {S.TaskInterruptions + 1} times)");
                return;
            }

            S.TaskInterruptions++;
            S.TaskAttempts = Math.Max(0, S.TaskAttempts - 1);
            CoordinatorLog.TaskInterrupted(logger, JobId, t.Kind.ToString(), reason);
            return;
        }

        if (table is not null && S.Phase == JobPhase.Scoring)
        {
            var index = LeaseTable.ShardOf(leaseId) ?? -1;
            var failed = table.Interrupt(leaseId, reason);
            if (failed)
            {
                LamdasTelemetry.ShardsFailed.Add(1, LamdasTelemetry.Job(JobId));
            }

            if (index >= 0 && index < S.Shards.Count)
            {
                if (failed)
                {
                    CoordinatorLog.ShardFailed(logger, JobId, index, S.Shards[index].Attempts, reason);
                }
                else
                {
                    CoordinatorLog.ShardInterrupted(logger, JobId, index, S.Shards[index].Interruptions, reason);
                }
            }

            await ShardReleasedAsync();
        }
    }

    /// <summary>A shard lease ended without a completion: the state changed, and the last shard may have been failed.</summary>
    private async Task ShardReleasedAsync()
    {
        dirty = changed = true;
        if (table!.Finished)
        {
            await EnterAsync(JobPhase.Finalizing);
        }
    }

    public Task<IReadOnlyList<ShardSpec>> GetPlanAsync() =>
        Task.FromResult<IReadOnlyList<ShardSpec>>(S.Shards.Select(s => s.Plan).ToList());

    public Task<JobProvenance?> GetProvenanceAsync() => Task.FromResult(S.Provenance);

    private TimeSpan RenewEvery => settings.LeaseDuration / 3;

    private string AggregatorKey(int shard) => $"{JobId}/{shard % settings.AggregatorPartitions}";

    private ShardLease TaskLease(LeaseKind kind, WorkerInfo worker)
    {
        var now = time.GetUtcNow();
        if (task is { } t && t.Expires > now)
        {
            return ShardLease.Waiting;
        }

        if (task is { } expired)
        {
            CoordinatorLog.TaskFailed(logger, JobId, expired.Kind.ToString(), $"lease expired (worker {expired.Worker} stopped renewing it)");
        }

        S.TaskAttempts++;
        dirty = true;
        task = new JobTaskLease($"{kind.ToString().ToLowerInvariant()}.{S.TaskAttempts}.{Guid.NewGuid():N}", kind, worker.WorkerId, now + settings.LeaseDuration);
        return new ShardLease
        {
            Kind = kind,
            LeaseId = task.LeaseId,
            JobId = JobId,
            SpecFingerprint = S.SpecFingerprint,
            ExpiresUtc = task.Expires,
            RenewEvery = RenewEvery,
            Attempt = S.TaskAttempts,
            Labels = S.Submission!.Labels,
            Provenance = S.Provenance,
            Scope = S.Submission!.Scope,
            FailedShards = kind == LeaseKind.Finalize
                ? S.Shards.Select((s, i) => (s, i)).Where(x => x.s.Status == ShardStatus.Failed).ToDictionary(x => x.i, x => x.s.LastError ?? "failed")
                : new Dictionary<int, string>(),
        };
    }

    private async Task FailTaskIfExhaustedAsync(LeaseKind kind, string reason)
    {
        // Job-level tasks get the same number of attempts as shards, counted since the phase began.
        if (S.TaskAttempts >= settings.MaxAttempts)
        {
            await FinishAsync(JobPhase.Failed, $"{kind.ToString().ToLowerInvariant()} failed {S.TaskAttempts} times; last error: {reason}");
        }
    }

    private async Task EnterAsync(JobPhase phase)
    {
        S.Phase = phase;
        S.TaskAttempts = 0;
        S.TaskInterruptions = 0;
        CoordinatorLog.PhaseChanged(logger, JobId, phase.ToString());
        await state.WriteStateAsync();
        dirty = false;
        await PublishAsync("phase");
    }

    private async Task FinishAsync(JobPhase phase, string message, bool releaseClaim = true)
    {
        S.Message = message;
        S.FinishedUtc = time.GetUtcNow();
        await EnterAsync(phase);
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).MarkFinishedAsync(JobId);
        if (releaseClaim && S.Submission is { } submission && !string.IsNullOrEmpty(S.Output))
        {
            try
            {
                await OutputClaim.ReleaseAsync(JobStorage.For(store, submission.Scope), S.Output, JobId, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The claim stays; the next job over the folder takes it over, as this job is known to have ended.
                CoordinatorLog.ClaimNotReleased(logger, JobId, e.Message);
            }
        }

        await PublishAsync("finished");
    }

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
            if (await JobPlanner.CompletedAsync(storage, spec, i, CancellationToken.None) is { } result)
            {
                S.Shards[i].Status = ShardStatus.Done;
                S.Shards[i].Completion = new ShardCompletion
                {
                    ShardIndex = i,
                    Documents = result.Documents,
                    Selected = result.Selected,
                    Quarantined = result.Quarantined,
                    Tokens = result.Tokens,
                };
                adopted++;
            }
        }

        CoordinatorLog.Resumed(logger, JobId, adopted, S.Shards.Count);
    }

    private void RebuildTable()
    {
        table = new LeaseTable(S.Shards, settings.LeaseDuration, settings.MaxAttempts, time, settings.MaxInterruptions);
        documents = selected = quarantined = tokens = bytesDone = bytesTotal = 0;
        perWorker.Clear();
        foreach (var shard in S.Shards)
        {
            bytesTotal += shard.Plan.End - shard.Plan.Start;
            if (shard.Status == ShardStatus.Done && shard.Completion is { } c)
            {
                Count(c);
            }
        }

        selected = S.FinalSelected ?? selected;
    }

    private void Count(ShardCompletion c)
    {
        documents += c.Documents;
        selected += c.Selected;
        quarantined += c.Quarantined;
        tokens += c.Tokens;
        var plan = S.Shards[c.ShardIndex].Plan;
        bytesDone += plan.End - plan.Start;
        if (c.Worker.Length > 0)
        {
            var (t, s) = perWorker.GetValueOrDefault(c.Worker);
            perWorker[c.Worker] = (t + c.Tokens, s + c.Seconds);
        }
    }

    private JobStatus Status() => new()
    {
        JobId = JobId,
        Team = S.Submission?.Team ?? "",
        Name = S.Name,
        Phase = S.Phase,
        ShardsTotal = S.Shards.Count,
        ShardsDone = table?.Done ?? 0,
        ShardsLeased = table?.Leased ?? 0,
        ShardsFailed = table?.Failed ?? 0,
        Documents = documents,
        Selected = selected,
        Quarantined = quarantined,
        Tokens = tokens,
        Output = S.Output,
        Message = S.Message,
        SubmittedUtc = S.Submission?.SubmittedUtc ?? default,
        FinishedUtc = S.FinishedUtc,
        BytesTotal = bytesTotal,
        BytesDone = bytesDone,
        CoordinatorSilo = silo.SiloAddress.ToParsableString(),
        Partitions = settings.AggregatorPartitions,
        WorkerTokensPerSecond = perWorker.Where(w => w.Value.Seconds > 0)
            .ToDictionary(w => w.Key, w => w.Value.Tokens / w.Value.Seconds, StringComparer.Ordinal),
    };

    private async Task TickAsync(CancellationToken ct)
    {
        if (table is not null && S.Phase == JobPhase.Scoring)
        {
            var reclaimed = table.ReclaimExpired();
            if (reclaimed > 0)
            {
                LamdasTelemetry.ShardsFailed.Add(reclaimed, LamdasTelemetry.Job(JobId));
                CoordinatorLog.Reclaimed(logger, JobId, reclaimed);
                dirty = changed = true;
                if (table.Finished)
                {
                    await EnterAsync(JobPhase.Finalizing);
                }
            }
        }

        if (dirty)
        {
            dirty = false;
            await state.WriteStateAsync(ct);
        }

        if (table is not null && S.Shards.Count > 0)
        {
            LamdasTelemetry.SetProgress(JobId, (double)table.Done / S.Shards.Count);
        }

        if (changed)
        {
            changed = false;
            await PublishAsync("progress");
        }
    }

    private async Task PublishAsync(string kind)
    {
        if (events is not null)
        {
            await events.OnNextAsync(new JobEvent(kind, Status(), time.GetUtcNow()));
        }
    }

    private void WakeWorkers()
    {
        // The grain's services are reached on its own turn only: the task below uses the factory captured here.
        var grains = GrainFactory;
        var management = grains.GetGrain<IManagementGrain>(0);
        var jobId = JobId;
        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var host in (await management.GetHosts(onlyActive: true)).Keys)
                {
                    try
                    {
                        await grains.GetGrain<IScoringWorkerGrain>(host.ToParsableString()).WakeAsync();
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        CoordinatorLog.WakeFailed(logger, jobId, host.ToString(), e.Message);
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CoordinatorLog.WakeFailed(logger, jobId, "*", e.Message);
            }
        });
    }

    /// <summary>Tells every silo's worker, in parallel and without waiting, to drop its work on this job.</summary>
    private void AbortWorkers()
    {
        var grains = GrainFactory;
        var management = grains.GetGrain<IManagementGrain>(0);
        var jobId = JobId;
        _ = Task.Run(async () =>
        {
            try
            {
                var hosts = (await management.GetHosts(onlyActive: true)).Keys;
                await Task.WhenAll(hosts.Select(async host =>
                {
                    try
                    {
                        await grains.GetGrain<IScoringWorkerGrain>(host.ToParsableString()).AbortJobAsync(jobId);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        CoordinatorLog.AbortFailed(logger, jobId, host.ToString(), e.Message);
                    }
                }));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CoordinatorLog.AbortFailed(logger, jobId, "*", e.Message);
            }
        });
    }

    private sealed record JobTaskLease(string LeaseId, LeaseKind Kind, string Worker, DateTimeOffset Expires);
}
