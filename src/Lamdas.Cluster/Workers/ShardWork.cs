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
/// <remarks>
/// While it scores, the worker tells the coordinator its running totals for the lease at most once per
/// <c>progressInterval</c> (a one-way call that never holds up scoring), so the job's views move within a shard.
/// </remarks>
internal sealed class ShardWork(IGrainFactory grains, JobCache jobs, string workerId, string siloLabel, TimeSpan progressInterval, ILogger logger)
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
        var progress = new ShardProgress { ShardIndex = lease.ShardIndex, Worker = workerId };
        var reported = TimeSpan.Zero;
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
            progress = Advance(progress, lease.Shard!, chunks, clock.Elapsed.TotalSeconds);
            if (clock.Elapsed - reported >= progressInterval)
            {
                reported = clock.Elapsed;
                await ReportAsync(coordinator, lease, progress);
            }

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

    /// <summary>The running totals after one more batch of the shard's chunks (one per domain).</summary>
    internal static ShardProgress Advance(ShardProgress progress, Lamdas.Formats.ShardSpec shard, IReadOnlyList<ScoredChunk> chunks, double seconds)
    {
        var chunk = chunks[0];

        // Uncompressed JSONL positions are byte offsets within the shard: the last row read tells how far the
        // reader is. Other formats say nothing about bytes until the shard commits.
        var bytes = progress.Bytes;
        if (shard.Format == Lamdas.Formats.RecordFormat.Jsonl && chunk.Rows.Count > 0)
        {
            bytes = Math.Clamp(chunk.Rows[^1].Position - shard.Start, bytes, shard.End - shard.Start);
        }

        return progress with
        {
            Documents = progress.Documents + chunk.Rows.Count,
            Selected = progress.Selected + chunks.Sum(c => c.Selected),
            Quarantined = progress.Quarantined + chunk.Bad.Count,
            Tokens = progress.Tokens + chunk.Tokens,
            Bytes = bytes,
            Seconds = seconds,
        };
    }

    private async Task ReportAsync(IJobCoordinatorGrain coordinator, ShardLease lease, ShardProgress progress)
    {
        try
        {
            await coordinator.ReportShardProgressAsync(lease.LeaseId, progress);
        }
        catch (Exception e) when (e is not OutOfMemoryException && e is not OperationCanceledException)
        {
            // Progress is advisory: the next report, or the shard's completion, carries the counts.
            WorkerLog.LoopError(logger, e.Message, e);
        }
    }
}
