using Lamdas.Cluster.Errors;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Aggregation;

/// <summary>
/// Collects the score batches of the shards of one job partition and commits their files (see
/// <see cref="IAggregatorGrain"/>). Batches are held per lease; a lease that is begun again, or a shard begun
/// under a newer lease, starts from nothing, so a retried shard never mixes attempts.
/// </summary>
public sealed class AggregatorGrain(IObjectStore store, ILogger<AggregatorGrain> logger) : Grain, IAggregatorGrain
{
    private readonly Dictionary<string, ShardInFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly QuantileSketch _sketch = new();
    private long _count;
    private long _selected;

    public Task BeginAsync(string leaseId, int shardIndex, ShardSpec shard, JobSpec spec, StorageScope? scope)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        foreach (var stale in _inFlight.Where(f => f.Value.Index == shardIndex).Select(f => f.Key).ToList())
        {
            _inFlight.Remove(stale);
        }

        _inFlight[leaseId] = new ShardInFlight(shardIndex, shard, spec, JobStorage.For(store, scope));
        return Task.CompletedTask;
    }

    public Task AppendAsync(string leaseId, ScoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var shard = Find(leaseId);
        if (batch.Sequence != shard.NextSequence)
        {
            throw new InvalidOperationException($"lease {leaseId}: batch {batch.Sequence} arrived, batch {shard.NextSequence} was expected");
        }

        if (batch.Domain < 0 || batch.Domain >= shard.Scores.Length)
        {
            throw new InvalidOperationException($"lease {leaseId}: batch {batch.Sequence} is for domain {batch.Domain}, the job has {shard.Scores.Length}");
        }

        shard.NextSequence++;
        shard.Scores[batch.Domain].Add(ScoreBatches.ToChunk(batch, shard.Plan.Uri));
        return Task.CompletedTask;
    }

    public async Task<ShardCompletion> CommitAsync(string leaseId)
    {
        var shard = Find(leaseId);
        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.shard.commit");
        activity?.SetTag("lamdas.job.id", this.GetPrimaryKeyString().Split('/')[0]);
        activity?.SetTag("lamdas.shard.id", shard.Index);
        // Writing re-reads the shard for the selected records: file work, kept off the grain scheduler. Each domain's
        // files and marker are written in turn; a retry after a failure between them writes the same bytes again.
        var results = new ShardResult[shard.Domains.Count];
        for (var d = 0; d < results.Length; d++)
        {
            var writer = new ShardWriter(new JobOutput(shard.Storage, shard.Domains[d]));
            var scores = shard.Scores[d];
            results[d] = await Task.Run(() => writer.CommitAsync(shard.Index, shard.Plan, scores, null, CancellationToken.None));
        }

        var result = results[0];
        _inFlight.Remove(leaseId);
        foreach (var row in shard.Scores[0].Rows)
        {
            if (!double.IsNaN(row.Score))
            {
                _sketch.Add(row.Score);
            }
        }

        _count += result.Documents;
        _selected += results.Sum(r => r.Selected);
        AggregatorLog.Committed(logger, this.GetPrimaryKeyString(), shard.Index, result.Documents, result.Selected, result.Files.Count);
        return ShardCompletions.From(shard.Index, results);
    }

    public Task<ScoreDistribution> GetDistributionAsync() => Task.FromResult(new ScoreDistribution
    {
        Count = _count,
        Selected = _selected,
        Sketch = _sketch.Count == 0 ? [] : _sketch.ToBytes(),
    });

    private ShardInFlight Find(string leaseId) =>
        _inFlight.TryGetValue(leaseId, out var shard)
            ? shard
            : throw new LeaseNotHeldException($"lease {leaseId} is not being collected here (the aggregator restarted or the lease was superseded)");
}
