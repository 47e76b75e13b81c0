using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Coordination;

/// <summary>Progress: the counters rebuilt from the shard records, the status, the periodic flush and the job's events.</summary>
public sealed partial class JobCoordinatorGrain
{
    private void RebuildTable()
    {
        _table = new LeaseTable(S.Shards, _settings.LeaseDuration, _settings.MaxAttempts, time, _settings.MaxInterruptions);
        _documents = _selected = _quarantined = _tokens = _modelDocuments = _bytesDone = _bytesTotal = 0;
        _perWorker.Clear();
        foreach (var shard in S.Shards)
        {
            _bytesTotal += shard.Plan.End - shard.Plan.Start;
            if (shard.Status == ShardStatus.Done && shard.Completion is { } c)
            {
                Count(c);
            }
        }

        _selected = S.FinalSelected ?? _selected;
    }

    private void Count(ShardCompletion c)
    {
        _documents += c.Documents;
        _selected += c.Selected;
        _quarantined += c.Quarantined;
        _tokens += c.Tokens;
        _modelDocuments += c.ModelDocuments ?? c.Documents;
        var plan = S.Shards[c.ShardIndex].Plan;
        _bytesDone += plan.End - plan.Start;
        if (c.Worker.Length > 0)
        {
            var (t, s) = _perWorker.GetValueOrDefault(c.Worker);
            _perWorker[c.Worker] = (t + c.Tokens, s + c.Seconds);
        }
    }

    private JobStatus Status()
    {
        var inFlight = InFlight();
        return new JobStatus
        {
            JobId = JobId,
            Team = S.Submission?.Team ?? "",
            Name = S.Name,
            Phase = S.Phase,
            ShardsTotal = S.Shards.Count,
            ShardsDone = _table?.Done ?? 0,
            ShardsLeased = _table?.Leased ?? 0,
            ShardsFailed = _table?.Failed ?? 0,
            Documents = _documents,
            Selected = _selected,
            Quarantined = _quarantined,
            Tokens = _tokens,
            Output = S.Output,
            Message = S.Message,
            SubmittedUtc = S.Submission?.SubmittedUtc ?? default,
            FinishedUtc = S.FinishedUtc,
            BytesTotal = _bytesTotal,
            BytesDone = _bytesDone,
            CoordinatorSilo = silo.SiloAddress.ToParsableString(),
            Partitions = _settings.AggregatorPartitions,
            Cascade = S.Provenance?.Cascade,
            ModelDocuments = S.Submission?.Spec.Cascade is null ? null : _modelDocuments,
            WorkerTokensPerSecond = WorkerRates(inFlight),
            FirstLeaseUtc = S.FirstLeaseUtc,
            WaitSeconds = WaitSeconds(),
            InFlightDocuments = inFlight.Sum(p => p.Documents),
            InFlightSelected = inFlight.Sum(p => p.Selected),
            InFlightQuarantined = inFlight.Sum(p => p.Quarantined),
            InFlightTokens = inFlight.Sum(p => p.Tokens),
            InFlightBytes = inFlight.Sum(p => p.Bytes),
            PrefixTraining = S.PrefixTraining,
        };
    }

    private async Task TickAsync(CancellationToken ct)
    {
        if (_table is not null && S.Phase == JobPhase.Scoring)
        {
            var reclaimed = _table.ReclaimExpired();
            if (reclaimed > 0)
            {
                LamdasTelemetry.Count(JobCounter.ShardsFailed, JobId, SiloLabel, reclaimed);
                CoordinatorLog.Reclaimed(logger, JobId, reclaimed);
                _dirty = _changed = true;
                if (_table.Finished)
                {
                    await EnterAsync(JobPhase.Finalizing);
                }
            }
        }

        await ReportLoadAsync();
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync(ct);
        }

        if (_table is not null && S.Shards.Count > 0 && !Finished)
        {
            LamdasTelemetry.SetProgress(JobId, (double)_table.Done / S.Shards.Count);
        }

        if (S.Submission is not null && !Finished)
        {
            LamdasTelemetry.SetQueueWait(JobId, S.FirstLeaseUtc is null ? WaitSeconds() : 0);
        }

        if (_changed)
        {
            _changed = false;
            await PublishAsync("progress");
        }
    }

    private async Task PublishAsync(string kind)
    {
        if (_events is not null)
        {
            await _events.OnNextAsync(new JobEvent(kind, Status(), time.GetUtcNow()));
        }
    }
}
