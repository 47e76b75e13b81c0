using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Coordination;

/// <summary>Progress: the counters rebuilt from the shard records, the status, the periodic flush and the job's events.</summary>
public sealed partial class JobCoordinatorGrain
{
    public Task<JobStatus> GetStatusAsync() => Task.FromResult(Status());

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
}
