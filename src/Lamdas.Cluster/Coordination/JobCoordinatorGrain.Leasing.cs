using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Coordination;

/// <summary>
/// Leasing: shards over the <see cref="LeaseTable"/>, and the job-level tasks (prepare, finalize) as one
/// <see cref="JobTaskLease"/> at a time; renewals, completions, failures, give-backs and interruptions.
/// </summary>
public sealed partial class JobCoordinatorGrain
{
    public async Task<ShardLease> LeaseAsync(WorkerInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var lease = await NextLeaseAsync(worker);
        if (lease.Kind is LeaseKind.Prepare or LeaseKind.Shard or LeaseKind.Finalize && S.FirstLeaseUtc is null)
        {
            S.FirstLeaseUtc = time.GetUtcNow();
            _dirty = _changed = true;
        }

        await ReportLoadAsync();
        return lease;
    }

    private async Task<ShardLease> NextLeaseAsync(WorkerInfo worker)
    {
        switch (S.Phase)
        {
            case JobPhase.Planning:
                return ShardLease.Waiting;
            case JobPhase.Preparing:
                return TaskLease(LeaseKind.Prepare, worker);
            case JobPhase.Scoring:
                // A worker gets at most as many shards at once as it said it can score (one per device).
                if (_table!.HeldBy(worker.WorkerId) >= Math.Max(1, worker.Capacity))
                {
                    return ShardLease.Waiting;
                }

                var lease = _table.TryLease(worker.WorkerId);
                if (lease is { } l)
                {
                    _dirty = _changed = true;
                    LamdasTelemetry.Count(JobCounter.ShardsLeased, JobId, SiloLabel, 1);
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

                if (!_table.Finished)
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
        if (_task is { } t && t.LeaseId == leaseId)
        {
            _task = t with { Expires = time.GetUtcNow() + _settings.LeaseDuration };
            return Task.FromResult(true);
        }

        return Task.FromResult(S.Phase == JobPhase.Scoring && _table!.Renew(leaseId));
    }

    public async Task CompletePreparationAsync(string leaseId, JobProvenance provenance)
    {
        if (S.Phase != JobPhase.Preparing)
        {
            return;
        }

        S.Provenance = provenance;
        _task = null;
        await EnterAsync(JobPhase.Scoring);
        await ReportLoadAsync();
        WakeWorkers();
    }

    public async Task CompleteShardAsync(string leaseId, ShardCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (_table is null || S.Phase is not (JobPhase.Scoring or JobPhase.Finalizing) || !_table.Complete(leaseId, completion.ShardIndex, completion))
        {
            return;
        }

        Count(completion);
        LamdasTelemetry.Count(JobCounter.ShardsCompleted, JobId, SiloLabel, 1);
        _dirty = _changed = true;
        await ReportLoadAsync();
        if (_table.Finished && S.Phase == JobPhase.Scoring)
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

        _task = null;
        S.FinalSelected = selected;
        this._selected = selected;
        if (S.Submission?.Spec.Selection.Mode is { } mode && mode != SelectionMode.Threshold)
        {
            // Threshold mode counted its selections while scoring; the other modes select here, once.
            LamdasTelemetry.Count(JobCounter.DocumentsSelected, JobId, SiloLabel, selected);
        }
        await FinishAsync(succeeded ? JobPhase.Succeeded : JobPhase.Failed, message);
    }

    public async Task FailAsync(string leaseId, string reason)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        if (_task is { } t && t.LeaseId == leaseId)
        {
            CoordinatorLog.TaskFailed(logger, JobId, t.Kind.ToString(), reason);
            _task = null;
            await FailTaskIfExhaustedAsync(t.Kind, reason);
            return;
        }

        if (_table is not null && S.Phase == JobPhase.Scoring)
        {
            var index = LeaseTable.ShardOf(leaseId) ?? -1;
            _table.Fail(leaseId, reason);
            LamdasTelemetry.Count(JobCounter.ShardsFailed, JobId, SiloLabel, 1);
            if (index >= 0 && index < S.Shards.Count)
            {
                CoordinatorLog.ShardFailed(logger, JobId, index, S.Shards[index].Attempts, reason);
            }

            await ShardReleasedAsync();
        }
    }

    public async Task GiveBackAsync(string leaseId)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        if (_task is { } t && t.LeaseId == leaseId)
        {
            _task = null;
            S.TaskAttempts = Math.Max(0, S.TaskAttempts - 1);
        }
        else if (_table is not null && S.Phase == JobPhase.Scoring)
        {
            _table.GiveBack(leaseId);
            _dirty = _changed = true;
        }

        await ReportLoadAsync();
    }

    public async Task InterruptedAsync(string leaseId, string reason)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        ArgumentNullException.ThrowIfNull(reason);
        if (_task is { } t && t.LeaseId == leaseId)
        {
            // Prepare and finalize are redone from the start: an interruption does not use one of their attempts,
            // unless the task keeps being interrupted.
            _task = null;
            _dirty = true;
            if (S.TaskInterruptions >= _settings.MaxInterruptions)
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

        if (_table is not null && S.Phase == JobPhase.Scoring)
        {
            var index = LeaseTable.ShardOf(leaseId) ?? -1;
            var failed = _table.Interrupt(leaseId, reason);
            if (failed)
            {
                LamdasTelemetry.Count(JobCounter.ShardsFailed, JobId, SiloLabel, 1);
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
        _dirty = _changed = true;
        await ReportLoadAsync();
        if (_table!.Finished)
        {
            await EnterAsync(JobPhase.Finalizing);
        }
    }

    public Task<JobProvenance?> GetProvenanceAsync() => Task.FromResult(S.Provenance);

    private TimeSpan RenewEvery => _settings.LeaseDuration / 3;

    private string AggregatorKey(int shard) => $"{JobId}/{shard % _settings.AggregatorPartitions}";

    private ShardLease TaskLease(LeaseKind kind, WorkerInfo worker)
    {
        var now = time.GetUtcNow();
        if (_task is { } t && t.Expires > now)
        {
            return ShardLease.Waiting;
        }

        if (_task is { } expired)
        {
            CoordinatorLog.TaskFailed(logger, JobId, expired.Kind.ToString(), $"lease expired (worker {expired.Worker} stopped renewing it)");
        }

        S.TaskAttempts++;
        _dirty = true;
        _task = new JobTaskLease($"{kind.ToString().ToLowerInvariant()}.{S.TaskAttempts}.{Guid.NewGuid():N}", kind, worker.WorkerId, now + _settings.LeaseDuration);
        return new ShardLease
        {
            Kind = kind,
            LeaseId = _task.LeaseId,
            JobId = JobId,
            SpecFingerprint = S.SpecFingerprint,
            ExpiresUtc = _task.Expires,
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
        if (S.TaskAttempts >= _settings.MaxAttempts)
        {
            await FinishAsync(JobPhase.Failed, $"{kind.ToString().ToLowerInvariant()} failed {S.TaskAttempts} times; last error: {reason}");
        }
    }
}
