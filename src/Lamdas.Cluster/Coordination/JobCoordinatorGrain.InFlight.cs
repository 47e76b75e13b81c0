using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Coordination;

/// <summary>
/// Work in progress: the workers' running totals within the shards they hold (kept per lease, apart from the committed
/// counts, and dropped with the lease), and the prefix training's epochs while the job prepares.
/// </summary>
public sealed partial class JobCoordinatorGrain
{
    private readonly Dictionary<string, ShardProgress> _inFlight = new(StringComparer.Ordinal);

    public Task ReportShardProgressAsync(string leaseId, ShardProgress progress)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        ArgumentNullException.ThrowIfNull(progress);

        // Only a live lease's report counts, for its own shard: a late report of a lost (expired, failed, given back)
        // lease, or of a shard already committed, must not be counted again.
        if (_table is null || S.Phase != JobPhase.Scoring || !progress.IsValid || !_table.IsLive(leaseId)
            || LeaseTable.ShardOf(leaseId) != progress.ShardIndex)
        {
            return Task.CompletedTask;
        }

        _inFlight[leaseId] = progress;
        _changed = true;
        return Task.CompletedTask;
    }

    public Task ReportPrefixTrainingAsync(string leaseId, PrefixTrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        ArgumentNullException.ThrowIfNull(progress);
        if (S.Phase != JobPhase.Preparing || _task is not { Kind: LeaseKind.Prepare } t || t.LeaseId != leaseId || !progress.IsValid)
        {
            return Task.CompletedTask;
        }

        S.PrefixTraining = progress;
        _dirty = _changed = true;
        return Task.CompletedTask;
    }

    /// <summary>The in-flight reports of the live leases; those of leases that ended since are dropped here.</summary>
    private List<ShardProgress> InFlight()
    {
        if (_inFlight.Count == 0)
        {
            return [];
        }

        foreach (var dead in _inFlight.Keys.Where(id => _table is null || S.Phase != JobPhase.Scoring || !_table.IsLive(id)).ToList())
        {
            _inFlight.Remove(dead);
        }

        return [.. _inFlight.Values];
    }

    /// <summary>Tokens per second per worker: its committed shards plus the shard it is on.</summary>
    private Dictionary<string, double> WorkerRates(List<ShardProgress> inFlight)
    {
        var totals = new Dictionary<string, (long Tokens, double Seconds)>(_perWorker, StringComparer.Ordinal);
        foreach (var p in inFlight.Where(p => p.Worker.Length > 0))
        {
            var (t, s) = totals.GetValueOrDefault(p.Worker);
            totals[p.Worker] = (t + p.Tokens, s + p.Seconds);
        }

        return totals.Where(w => w.Value.Seconds > 0)
            .ToDictionary(w => w.Key, w => w.Value.Tokens / w.Value.Seconds, StringComparer.Ordinal);
    }
}
