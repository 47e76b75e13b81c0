using System.Diagnostics;
using Lamdas.Cluster.Aggregation;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// A shard lease: score the shard, stream its batches to the partition's aggregator in order, have the aggregator
/// commit the shard's files, and report the completion to the coordinator.
/// </summary>
internal sealed class ShardWork(IGrainFactory grains, JobCache jobs, string workerId, string siloLabel, ILogger logger)
{
    private long _completed;
    private long _tokensScored;
    private ShardScorer? _active;

    /// <summary>Shards this worker has completed.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public long TokensScored => Interlocked.Read(ref _tokensScored);

    /// <summary>Prepared chunks of the shard in hand waiting for the model.</summary>
    public int QueuedChunks => _active?.QueuedChunks ?? 0;

    public async Task RunAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.shard.score");
        activity?.SetTag("lamdas.job.id", lease.JobId);
        activity?.SetTag("lamdas.shard.id", lease.ShardIndex);
        activity?.SetTag("lamdas.shard.attempt", lease.Attempt);
        activity?.SetTag("lamdas.silo", workerId);
        var job = await jobs.WorkAsync(coordinator, lease, ct);
        var clock = Stopwatch.StartNew();
        var aggregator = grains.GetGrain<IAggregatorGrain>(lease.AggregatorKey);
        await aggregator.BeginAsync(lease.LeaseId, lease.ShardIndex, lease.Shard!, job.Spec, lease.Scope);
        var sequence = 0;
        var silo = LamdasTelemetry.Silo(siloLabel);
        _active = job.Scorer;
        var batchClock = Stopwatch.StartNew();
        await foreach (var chunks in job.Scorer.ScoreDomainsAsync(lease.Shard!, ct))
        {
            LamdasTelemetry.BatchLatency.Record(batchClock.Elapsed.TotalSeconds, silo);
            for (var d = 0; d < chunks.Count; d++)
            {
                await aggregator.AppendAsync(lease.LeaseId, ScoreBatches.From(sequence++, chunks[d], d));
            }

            var chunk = chunks[0];
            Interlocked.Add(ref _tokensScored, chunk.Tokens);
            LamdasTelemetry.Count(JobCounter.TokensScored, lease.JobId, siloLabel, chunk.Tokens);
            LamdasTelemetry.Count(JobCounter.DocumentsScored, lease.JobId, siloLabel, chunk.Rows.Count);
            LamdasTelemetry.Count(JobCounter.DocumentsSelected, lease.JobId, siloLabel, chunks.Sum(c => c.Selected));
            LamdasTelemetry.Count(JobCounter.DocumentsQuarantined, lease.JobId, siloLabel, chunk.Bad.Count);
            batchClock.Restart();
        }

        _active = null;
        ct.ThrowIfCancellationRequested();
        var completion = await aggregator.CommitAsync(lease.LeaseId);
        Interlocked.Increment(ref _completed);
        var seconds = clock.Elapsed.TotalSeconds;
        LamdasTelemetry.ShardDuration.Record(seconds, silo);
        activity?.SetTag("lamdas.documents", completion.Documents);
        WorkerLog.ShardDone(logger, lease.JobId, lease.ShardIndex, completion.Documents, completion.Tokens, seconds);
        await coordinator.CompleteShardAsync(lease.LeaseId, completion with { Seconds = seconds, Worker = workerId });
    }
}
