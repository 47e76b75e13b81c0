using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// The silo's scoring worker, behind <see cref="ScoringWorkerGrain"/>: one loop on the thread pool (never on the
/// Orleans scheduler) that asks the coordinators of active jobs for leases and hands each to the handler of its kind
/// of work — <see cref="PrepareWork"/>, <see cref="ShardWork"/> or <see cref="FinalizeWork"/> — while a heartbeat
/// renews it (<see cref="WorkerRuntime"/>.Lease.cs). The frozen models are loaded once per silo
/// (<see cref="ModelCache"/>) and each job's spec and scorer once per worker (<see cref="JobCache"/>). The work in
/// hand stops within one optimiser step or batch when its job is cancelled (<see cref="Abort"/>), its lease is lost
/// (heartbeat) or the silo stops.
/// </summary>
public sealed partial class WorkerRuntime : IAsyncDisposable
{
    private readonly IGrainFactory grains;
    private readonly LamdasClusterOptions settings;
    private readonly ILogger<WorkerRuntime> logger;
    private readonly ModelCache models;
    private readonly JobCache jobs;
    private readonly PrepareWork prepare;
    private readonly ShardWork shards;
    private readonly FinalizeWork finalize;
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

    public WorkerRuntime(
        IGrainFactory grains,
        ILocalSiloDetails silo,
        IObjectStore store,
        IOptions<LamdasClusterOptions> options,
        ILogger<WorkerRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        this.grains = grains;
        this.logger = logger;
        settings = options.Value;
        WorkerId = silo.SiloAddress.ToParsableString();
        models = new ModelCache(settings.Device, logger);
        jobs = new JobCache(store, models.Load, logger);
        prepare = new PrepareWork(jobs);
        shards = new ShardWork(grains, jobs, WorkerId, logger);
        finalize = new FinalizeWork(store, jobs, logger);
    }

    public string WorkerId { get; }

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
            LamdasTelemetry.ObserveModelMemory(WorkerId, () => models.ParameterBytes);
            LamdasTelemetry.ObserveQueueDepth(WorkerId, () => shards.QueuedChunks);
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
        ShardsCompleted = shards.Completed,
        TokensScored = shards.TokensScored,
        LoadedModels = models.Loaded,
        CachedPrefixes = jobs.Prepared,
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
        jobs.Dispose();
        models.Dispose();
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

    private void Evict(HashSet<string> active)
    {
        lock (gate)
        {
            abortedJobs.RemoveWhere(id => !active.Contains(id));
        }

        jobs.Evict(active);
    }
}
