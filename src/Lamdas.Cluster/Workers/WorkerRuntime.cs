using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Scoring.Passes;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// The silo's scoring worker, behind <see cref="ScoringWorkerGrain"/>: one loop on the thread pool (never on the
/// Orleans scheduler) that asks the coordinators of active jobs for leases, in the order the registry gives (teams share
/// the workers by weight; see <see cref="Registry.FairShareScheduler"/>), and hands each to the handler of its kind
/// of work — <see cref="PrepareWork"/>, <see cref="ShardWork"/> or <see cref="FinalizeWork"/> — while a heartbeat
/// renews it (<see cref="WorkerRuntime"/>.Lease.cs). The frozen models are loaded once per silo
/// (<see cref="ModelCache"/>) and each job's spec and scorer once per worker (<see cref="JobCache"/>). The work in
/// hand stops within one optimiser step or batch when its job is cancelled (<see cref="Abort"/>), its lease is lost
/// (heartbeat) or the silo stops.
/// </summary>
public sealed partial class WorkerRuntime : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly LamdasClusterOptions _settings;
    private readonly ILogger<WorkerRuntime> _logger;
    private readonly ModelCache _models;
    private readonly JobCache _jobs;
    private readonly PrepareWork _prepare;
    private readonly ShardWork _shards;
    private readonly FinalizeWork _finalize;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _abortedJobs = new(StringComparer.Ordinal);
    private Task? _loop;
    private CancellationTokenSource? _inHand;
    private string? _inHandJob;
    private bool _inHandAborted;
    private string? _currentJob;
    private int _currentShard = -1;

    public WorkerRuntime(
        IGrainFactory grains,
        ILocalSiloDetails silo,
        IObjectStore store,
        IOptions<LamdasClusterOptions> options,
        ILogger<WorkerRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        this._grains = grains;
        this._logger = logger;
        _settings = options.Value;
        WorkerId = silo.SiloAddress.ToParsableString();
        SiloLabel = LamdasTelemetry.SiloLabel(silo.SiloAddress);
        _models = new ModelCache(_settings.Device, _settings.DType, _settings.AllowCpuReducedPrecision, _settings.Threads, logger);
        _jobs = new JobCache(store, _models.Load, string.IsNullOrWhiteSpace(_settings.ScoreStore) ? null : new ScoreStore(store, _settings.ScoreStore), logger);
        _prepare = new PrepareWork(_jobs, logger);
        _shards = new ShardWork(grains, _jobs, WorkerId, SiloLabel, _settings.ProgressInterval, logger);
        _finalize = new FinalizeWork(store, _jobs, logger);
    }

    public string WorkerId { get; }

    /// <summary>The silo's label on metrics: host:port (<see cref="LamdasTelemetry.SiloLabel(SiloAddress)"/>).</summary>
    public string SiloLabel { get; }

    public WorkerInfo Info => new() { WorkerId = WorkerId, Device = _settings.Device, Capacity = 1 };

    /// <summary>Starts the loop once; later calls do nothing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_loop is not null || !_settings.Worker)
            {
                return;
            }

            WorkerLog.Started(_logger, WorkerId, _settings.Device);
            LamdasTelemetry.ObserveModelMemory(SiloLabel, () => _models.ParameterBytes);
            LamdasTelemetry.ObserveQueueDepth(SiloLabel, () => _shards.QueuedChunks);
            _loop = Task.Run(() => LoopAsync(_stopping.Token));
        }
    }

    public void Wake() => _wake.Release();

    /// <summary>
    /// Job <paramref name="jobId"/> was cancelled: the work in hand for it is cancelled now, and a lease of it that
    /// this worker is about to start is dropped. Nothing is reported to the coordinator for such a lease.
    /// </summary>
    public void Abort(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        CancellationTokenSource? cancel = null;
        lock (_gate)
        {
            _abortedJobs.Add(jobId);
            if (_inHandJob == jobId && _inHand is { } work)
            {
                _inHandAborted = true;
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
        Device = _settings.Device,
        CurrentJob = _currentJob,
        CurrentShard = _currentShard,
        ShardsCompleted = _shards.Completed,
        TokensScored = _shards.TokensScored,
        LoadedModels = _models.Loaded,
        CachedPrefixes = _jobs.Prepared,
    };

    /// <summary>Stops taking work; the lease in hand is given back so another worker takes it at once.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is { } running)
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
        _jobs.Dispose();
        _models.Dispose();
        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                // The registry orders the active jobs so that teams share the workers by weight (FairShareScheduler):
                // the first job that has work for this worker gets it.
                var order = await _grains.GetGrain<IJobRegistryGrain>(0).ScheduleAsync();
                Evict(order.ToHashSet(StringComparer.Ordinal));
                foreach (var jobId in order)
                {
                    var coordinator = _grains.GetGrain<IJobCoordinatorGrain>(jobId);
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
                WorkerLog.LoopError(_logger, e.Message, e);
            }

            if (!worked)
            {
                try
                {
                    await _wake.WaitAsync(_settings.PollInterval, ct);
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
        lock (_gate)
        {
            _abortedJobs.RemoveWhere(id => !active.Contains(id));
        }

        _jobs.Evict(active);
    }
}
