using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Scoring.Passes;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// The jobs one worker holds: each job's spec, fetched once from its coordinator (and again only if a lease names
/// another version), and, once the worker scores or prepares for the job, its plan and scorer (prefix loaded, model
/// shared through the <see cref="ModelCache"/>). Used by the worker's loop only.
/// </summary>
internal sealed class JobCache(IObjectStore store, Func<string, EngineOptions, LanguageModel> loadModel, ScoreStore? scoreStore, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, Entry> _jobs = new(StringComparer.Ordinal);

    /// <summary>Jobs whose scorer (and prefix) this worker holds.</summary>
    public int Prepared => _jobs.Values.Count(j => j.Work is not null);

    /// <summary>The spec of the lease's job, as submitted.</summary>
    public async Task<JobSpec> SpecAsync(IJobCoordinatorGrain coordinator, ShardLease lease) => (await EntryAsync(coordinator, lease)).Spec;

    /// <summary>
    /// The lease's job ready to score: plan, scorer and provenance (built the first time, then kept);
    /// <paramref name="prefixProgress"/> is told after every epoch when this call trains the job's prefix.
    /// </summary>
    public async Task<JobWork> WorkAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct,
        Action<PrefixTrainingProgress>? prefixProgress = null)
    {
        var entry = await EntryAsync(coordinator, lease);
        if (entry.Work is { } cached)
        {
            return cached;
        }

        var spec = entry.Spec;
        var shards = await coordinator.GetPlanAsync();
        var storage = JobStorage.For(store, lease.Scope);
        var scorers = await JobScorers.CreateAsync(storage, spec, shards, scoreStore, m => WorkerLog.JobMessage(logger, lease.JobId, m), loadModel, ct,
            prefixProgress);
        entry.Work = new JobWork(storage, spec, shards, scorers);
        return entry.Work;
    }

    /// <summary>Drops the jobs that are no longer active (their scorers and prefixes are released).</summary>
    public void Evict(IReadOnlySet<string> active)
    {
        foreach (var id in _jobs.Keys.Where(id => !active.Contains(id)).ToList())
        {
            _jobs.Remove(id, out var entry);
            entry?.Work?.Dispose();
            LamdasTelemetry.FinishJob(id);
        }
    }

    public void Dispose()
    {
        foreach (var entry in _jobs.Values)
        {
            entry.Work?.Dispose();
        }

        _jobs.Clear();
    }

    private async Task<Entry> EntryAsync(IJobCoordinatorGrain coordinator, ShardLease lease)
    {
        if (_jobs.TryGetValue(lease.JobId, out var cached) && cached.Fingerprint == lease.SpecFingerprint)
        {
            return cached;
        }

        cached?.Work?.Dispose();
        var entry = new Entry(await coordinator.GetSpecAsync(), lease.SpecFingerprint);
        _jobs[lease.JobId] = entry;
        return entry;
    }

    private sealed class Entry(JobSpec spec, string fingerprint)
    {
        public JobSpec Spec { get; } = spec;

        public string Fingerprint { get; } = fingerprint;

        public JobWork? Work { get; set; }
    }
}
