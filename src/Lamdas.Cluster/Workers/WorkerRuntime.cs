using System.Diagnostics;
using System.Collections.Concurrent;
using Lamdas.Cluster.Coordination;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// The silo's scoring worker, behind <see cref="ScoringWorkerGrain"/>: one loop on the thread pool (never on the
/// Orleans scheduler) that asks the coordinators of active jobs for leases and does the work — prepare a job,
/// score a shard (batches to the partition's aggregator, heartbeats to the coordinator), or finalize a job. The
/// frozen model is loaded once per silo and shared by every job that uses it. The work in hand stops within one
/// optimiser step or batch when its job is cancelled (<see cref="Abort"/>), its lease is lost (heartbeat) or the
/// silo stops.
/// </summary>
public sealed class WorkerRuntime(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IObjectStore store,
    IOptions<LamdasClusterOptions> options,
    ILogger<WorkerRuntime> logger) : IAsyncDisposable
{
    private readonly LamdasClusterOptions settings = options.Value;
    private readonly ConcurrentDictionary<string, LanguageModel> models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobWork> jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim wake = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly HashSet<string> abortedJobs = new(StringComparer.Ordinal);
    private Task? loop;
    private CancellationTokenSource? inHand;
    private string? inHandJob;
    private bool inHandAborted;
    private string? currentJob;
    private int currentShard = -1;
    private long shardsCompleted;
    private long tokensScored;
    private ShardProcessor? activeProcessor;

    public string WorkerId => silo.SiloAddress.ToParsableString();

    public WorkerInfo Info => new() { WorkerId = WorkerId, Device = settings.Device, Capacity = 1 };

    /// <summary>Starts the loop once; later calls do nothing.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (loop is not null || !settings.Worker)
            {
                return;
            }

            WorkerLog.Started(logger, WorkerId, settings.Device);
            LamdasTelemetry.ObserveModelMemory(WorkerId, () => models.Values.Sum(m => m.ParameterBytes));
            LamdasTelemetry.ObserveQueueDepth(WorkerId, () => activeProcessor?.QueuedChunks ?? 0);
            loop = Task.Run(() => LoopAsync(stopping.Token));
        }
    }

    public void Wake() => wake.Release();

    /// <summary>
    /// Job <paramref name="jobId"/> was cancelled: the work in hand for it is cancelled now, and a lease of it that
    /// this worker is about to start is dropped. Nothing is reported to the coordinator for such a lease.
    /// </summary>
    public void Abort(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        CancellationTokenSource? cancel = null;
        lock (gate)
        {
            abortedJobs.Add(jobId);
            if (inHandJob == jobId && inHand is { } work)
            {
                inHandAborted = true;
                cancel = work;
            }
        }

        try
        {
            // The token's callbacks run on the thread pool, not on the caller's (the worker grain's) turn.
            _ = cancel?.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The work ended meanwhile.
        }
    }

    public WorkerStatus Status() => new()
    {
        WorkerId = WorkerId,
        Device = settings.Device,
        CurrentJob = currentJob,
        CurrentShard = currentShard,
        ShardsCompleted = Interlocked.Read(ref shardsCompleted),
        TokensScored = Interlocked.Read(ref tokensScored),
        LoadedModels = models.Keys.Order(StringComparer.Ordinal).ToList(),
        CachedPrefixes = jobs.Count,
    };

    /// <summary>Stops taking work; the lease in hand is given back so another worker takes it at once.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        if (loop is { } running)
        {
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var job in jobs.Values)
        {
            job.Dispose();
        }

        foreach (var model in models.Values)
        {
            model.Dispose();
        }

        stopping.Dispose();
        wake.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                var active = await grains.GetGrain<IJobRegistryGrain>(0).ListAsync();
                Evict(active.Where(j => j.Active).Select(j => j.JobId).ToHashSet(StringComparer.Ordinal));
                foreach (var entry in active.Where(j => j.Active).OrderBy(j => j.SubmittedUtc))
                {
                    var coordinator = grains.GetGrain<IJobCoordinatorGrain>(entry.JobId);
                    var lease = await coordinator.LeaseAsync(Info);
                    if (lease.Kind is LeaseKind.Wait or LeaseKind.Finished)
                    {
                        continue;
                    }

                    await DoAsync(coordinator, lease, ct);
                    worked = true;
                    break;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                WorkerLog.LoopError(logger, e.Message, e);
            }

            if (!worked)
            {
                try
                {
                    await wake.WaitAsync(settings.PollInterval, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task DoAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken stop)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (gate)
        {
            if (abortedJobs.Contains(lease.JobId))
            {
                // Cancelled between the lease and now: the lease is void already.
                WorkerLog.WorkAborted(logger, lease.JobId, Describe(lease));
                return;
            }

            (inHand, inHandJob, inHandAborted) = (work, lease.JobId, false);
        }

        var lost = false;
        var heartbeat = Task.Run(async () =>
        {
            try
            {
                while (!work.IsCancellationRequested)
                {
                    await Task.Delay(lease.RenewEvery, work.Token);
                    if (!await coordinator.RenewAsync(lease.LeaseId))
                    {
                        lost = true;
                        WorkerLog.LeaseLost(logger, lease.JobId, lease.LeaseId);
                        await work.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A missed heartbeat is not fatal: the next one, or the lease expiry, decides.
                WorkerLog.LoopError(logger, e.Message, e);
            }
        }, CancellationToken.None);

        currentJob = lease.JobId;
        currentShard = lease.ShardIndex;
        try
        {
            switch (lease.Kind)
            {
                case LeaseKind.Prepare:
                {
                    using var prepare = LamdasTelemetry.Source.StartActivity("lamdas.job.prepare");
                    prepare?.SetTag("lamdas.job.id", lease.JobId);
                    var job = await JobAsync(coordinator, lease, work.Token);
                    if (job.Provenance.PrefixMetadata?.ValidationNllPrefix is { } loss)
                    {
                        LamdasTelemetry.SetPrefixLoss(lease.JobId, loss);
                    }

                    await coordinator.CompletePreparationAsync(lease.LeaseId, ToInfo(job.Provenance, job.Spec));
                    break;
                }

                case LeaseKind.Shard:
                    await coordinator.CompleteShardAsync(lease.LeaseId, await ScoreShardAsync(coordinator, lease, work.Token));
                    break;
                case LeaseKind.Finalize:
                {
                    using var finalize = LamdasTelemetry.Source.StartActivity("lamdas.job.finalize");
                    finalize?.SetTag("lamdas.job.id", lease.JobId);
                    var (ok, message, selected) = await FinalizeAsync(coordinator, lease, work.Token);
                    await coordinator.CompleteFinalizationAsync(lease.LeaseId, ok, message, selected);
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && Aborted())
        {
            // The job was cancelled: its leases are void, so there is nothing to give back or to count as a failure.
            WorkerLog.WorkAborted(logger, lease.JobId, Describe(lease));
        }
        catch (OperationCanceledException) when (lost || stop.IsCancellationRequested)
        {
            if (!lost)
            {
                await TellCoordinatorAsync(() => coordinator.GiveBackAsync(lease.LeaseId));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && ClusterInterruptions.IsInterruption(e))
        {
            WorkerLog.WorkInterrupted(logger, lease.JobId, Describe(lease), e.Message);
            await TellCoordinatorAsync(() => coordinator.InterruptedAsync(lease.LeaseId, $"{e.GetType().Name}: {e.Message}"));

            // Give membership a moment to settle before asking for the next lease.
            await PauseAsync(stop);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WorkerLog.WorkFailed(logger, lease.JobId, Describe(lease), e.Message, e);
            await TellCoordinatorAsync(() => coordinator.FailAsync(lease.LeaseId, $"{e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            await work.CancelAsync();
            await heartbeat;
            lock (gate)
            {
                (inHand, inHandJob, inHandAborted) = (null, null, false);
            }

            currentJob = null;
            currentShard = -1;
        }
    }

    private bool Aborted()
    {
        lock (gate)
        {
            return inHandAborted;
        }
    }

    /// <summary>Tells the coordinator what became of a lease; if it cannot be reached, the lease expires on its own.</summary>
    private async Task TellCoordinatorAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WorkerLog.LoopError(logger, e.Message, e);
        }
    }

    private async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(settings.PollInterval, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<ShardCompletion> ScoreShardAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.shard.score");
        activity?.SetTag("lamdas.job.id", lease.JobId);
        activity?.SetTag("lamdas.shard.id", lease.ShardIndex);
        activity?.SetTag("lamdas.shard.attempt", lease.Attempt);
        activity?.SetTag("lamdas.silo", WorkerId);
        var job = await JobAsync(coordinator, lease, ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var aggregator = grains.GetGrain<IAggregatorGrain>(lease.AggregatorKey);
        await aggregator.BeginAsync(lease.LeaseId, lease.ShardIndex, lease.Shard!, lease.SpecJson, lease.Scope);
        var sequence = 0;
        var tags = new TagList { LamdasTelemetry.Job(lease.JobId), LamdasTelemetry.Silo(WorkerId) };
        activeProcessor = job.Processor;
        var batchClock = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var chunk in job.Processor.ScoreAsync(lease.Shard!.ToSpec(), ct))
        {
            LamdasTelemetry.BatchLatency.Record(batchClock.Elapsed.TotalSeconds, tags);
            await aggregator.AppendAsync(lease.LeaseId, ScoreBatches.From(sequence++, chunk));
            Interlocked.Add(ref tokensScored, chunk.Tokens);
            LamdasTelemetry.TokensScored.Add(chunk.Tokens, tags);
            LamdasTelemetry.DocumentsScored.Add(chunk.Rows.Count, tags);
            LamdasTelemetry.DocumentsSelected.Add(chunk.Selected, tags);
            LamdasTelemetry.DocumentsQuarantined.Add(chunk.Bad.Count, tags);
            batchClock.Restart();
        }

        activeProcessor = null;
        ct.ThrowIfCancellationRequested();
        var completion = await aggregator.CommitAsync(lease.LeaseId);
        Interlocked.Increment(ref shardsCompleted);
        var seconds = clock.Elapsed.TotalSeconds;
        LamdasTelemetry.ShardDuration.Record(seconds, tags);
        activity?.SetTag("lamdas.documents", completion.Documents);
        WorkerLog.ShardDone(logger, lease.JobId, lease.ShardIndex, completion.Documents, completion.Tokens, seconds);
        return completion with { Seconds = seconds, Worker = WorkerId };
    }

    private async Task<(bool Ok, string Message, long Selected)> FinalizeAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        var spec = JobSpecParser.FromCanonicalJson(lease.SpecJson);
        var storage = JobStorage.For(store, lease.Scope);
        var shards = (await coordinator.GetPlanAsync()).Select(p => p.ToSpec()).ToList();
        var results = new List<ShardResult>(shards.Count);
        for (var i = 0; i < shards.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (lease.FailedShards.TryGetValue(i, out var reason))
            {
                results.Add(await FailedShardFiles.WriteAsync(storage, spec, i, shards[i], reason, ct));
                continue;
            }

            results.Add(await JobPlanner.CompletedAsync(storage, spec, i, ct)
                ?? throw new InvalidOperationException($"shard {i} is done but its result marker {JobPaths.ShardMarker(i)} is missing"));
        }

        var provenance = await ProvenanceAsync(storage, spec, lease.Provenance, ct);
        var summary = await JobFinalizer.FinalizeAsync(storage, spec, shards, results, provenance, lease.Labels,
            m => WorkerLog.JobMessage(logger, lease.JobId, m), ct);
        var message = JobFinalizer.Describe(summary);
        if (lease.FailedShards.Count > 0)
        {
            message = $"{lease.FailedShards.Count} of {shards.Count} shards failed every attempt (see quarantine/); " + message;
        }

        return (summary.Succeeded && lease.FailedShards.Count == 0, message, summary.Selected);
    }

    private static async Task<JobProvenance> ProvenanceAsync(IObjectStore storage, JobSpec spec, JobProvenanceInfo? info, CancellationToken ct)
    {
        if (info is null)
        {
            return JobProvenance.None;
        }

        PrefixMetadata? metadata = null;
        if (info.PrefixUri is { } prefixUri)
        {
            metadata = await StoreJson.ReadAsync<PrefixMetadata>(storage, StorageUri.Combine(prefixUri, DomainPrefix.MetadataFile), ct);
        }

        return new JobProvenance
        {
            Model = info.Model ?? spec.Model,
            ModelFingerprint = info.ModelFingerprint,
            Architecture = info.Architecture,
            PrefixFingerprint = info.PrefixFingerprint,
            PrefixMetadata = metadata,
        };
    }

    private async Task<JobWork> JobAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        if (jobs.TryGetValue(lease.JobId, out var cached))
        {
            return cached;
        }

        var spec = JobSpecParser.FromCanonicalJson(lease.SpecJson);
        var shards = (await coordinator.GetPlanAsync()).Select(p => p.ToSpec()).ToList();
        var storage = JobStorage.For(store, lease.Scope);
        var factory = new ScorerFactory(storage, spec, m => WorkerLog.JobMessage(logger, lease.JobId, m), LoadModel);
        var scorer = await factory.CreateAsync(shards, ct);
        var job = new JobWork(storage, spec, shards, scorer, factory.Provenance);
        jobs[lease.JobId] = job;
        return job;
    }

    private LanguageModel LoadModel(string directory, EngineOptions requested) =>
        models.GetOrAdd(directory, d =>
        {
            var device = settings.Device;
            var model = LanguageModel.Load(d, requested with { Device = device });
            WorkerLog.ModelLoaded(logger, d, device);
            return model;
        });

    private void Evict(HashSet<string> active)
    {
        lock (gate)
        {
            abortedJobs.RemoveWhere(id => !active.Contains(id));
        }

        foreach (var id in jobs.Keys.Where(id => !active.Contains(id)).ToList())
        {
            jobs.Remove(id, out var job);
            job?.Dispose();
            LamdasTelemetry.ForgetJob(id);
        }
    }

    private static JobProvenanceInfo ToInfo(JobProvenance provenance, JobSpec spec) => new()
    {
        Model = provenance.Model,
        ModelFingerprint = provenance.ModelFingerprint,
        Architecture = provenance.Architecture,
        PrefixFingerprint = provenance.PrefixFingerprint,
        PrefixUri = provenance.PrefixFingerprint is null ? null : spec.Prefix?.Path ?? StorageUri.Combine(spec.Output, "prefix"),
    };

    private static string Describe(ShardLease lease) => lease.Kind switch
    {
        LeaseKind.Shard => $"shard {lease.ShardIndex}",
        _ => lease.Kind.ToString().ToLowerInvariant(),
    };
}
