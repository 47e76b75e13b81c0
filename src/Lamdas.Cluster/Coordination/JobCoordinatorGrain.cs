using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Lamdas.Cluster.Coordination;

/// <summary>
/// Coordinates one job (see <see cref="IJobCoordinatorGrain"/>). Shard bookkeeping lives in a
/// <see cref="LeaseTable"/>; the state is written behind (at most every flush interval, and at once on phase
/// changes), which is safe because a shard completed but not yet written is simply scored again and commits the
/// same bytes.
/// </summary>
/// <remarks>
/// By concern, as partial files: lifecycle, state and phases here; submission and planning
/// (<c>.Submission.cs</c>); shard and job-task leases (<c>.Leasing.cs</c>); counters, status and events
/// (<c>.Progress.cs</c>); waking and aborting the silos' workers (<c>.Wakeup.cs</c>); the leases held, reported to the
/// registry for fair sharing, and the wait for the first worker (<c>.Scheduling.cs</c>).
/// </remarks>
public sealed partial class JobCoordinatorGrain(
    [PersistentState("job", ClusterNames.Storage)] IPersistentState<CoordinatorState> state,
    IOptions<LamdasClusterOptions> options,
    IObjectStore store,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<JobCoordinatorGrain> logger) : Grain, IJobCoordinatorGrain
{
    private readonly LamdasClusterOptions _settings = options.Value;
    private readonly Dictionary<string, (long Tokens, double Seconds)> _perWorker = new(StringComparer.Ordinal);
    private LeaseTable? _table;
    private JobTaskLease? _task;
    private IAsyncStream<JobEvent>? _events;
    private bool _dirty;
    private bool _changed;
    private long _documents, _selected, _quarantined, _tokens, _modelDocuments, _bytesDone, _bytesTotal;

    private string JobId => this.GetPrimaryKeyString();

    /// <summary>This silo on metrics (host:port).</summary>
    private string SiloLabel => LamdasTelemetry.SiloLabel(silo.SiloAddress);

    private bool Finished => S.Phase is JobPhase.Succeeded or JobPhase.Failed or JobPhase.Cancelled;

    private CoordinatorState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _events = this.GetStreamProvider(ClusterNames.StreamProvider)
            .GetStream<JobEvent>(StreamId.Create(ClusterNames.JobEventsNamespace, JobId));
        if (S.Submission is not null)
        {
            RebuildTable();
        }

        this.RegisterGrainTimer(TickAsync, _settings.FlushInterval, _settings.FlushInterval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The silo is going away (its storage may already be gone): the last flushed state stands, and work
                // done since is adopted from the output folder or redone with the same bytes.
                CoordinatorLog.FinalWriteFailed(logger, JobId, e.Message);
            }
        }
    }

    public async Task<JobStatus> CancelAsync(string reason)
    {
        if (S.Submission is null)
        {
            throw new KeyNotFoundException($"job {JobId} does not exist");
        }

        if (!Status().IsFinished)
        {
            _table?.Clear();
            _task = null;
            await FinishAsync(JobPhase.Cancelled, string.IsNullOrWhiteSpace(reason) ? "cancelled" : $"cancelled: {reason}");

            // Every lease of the job is void now; the workers holding one stop at once rather than at their next
            // heartbeat (which would also find the lease gone).
            AbortWorkers();
        }

        return Status();
    }

    private async Task EnterAsync(JobPhase phase)
    {
        S.Phase = phase;
        S.TaskAttempts = 0;
        S.TaskInterruptions = 0;
        CoordinatorLog.PhaseChanged(logger, JobId, phase.ToString());
        await state.WriteStateAsync();
        _dirty = false;
        await PublishAsync("phase");
    }

    private async Task FinishAsync(JobPhase phase, string message, bool releaseClaim = true)
    {
        S.Message = message;
        S.FinishedUtc = time.GetUtcNow();
        await EnterAsync(phase);
        if (_table is not null && S.Shards.Count > 0)
        {
            LamdasTelemetry.SetProgress(JobId, (double)_table.Done / S.Shards.Count);
        }

        LamdasTelemetry.FinishJob(JobId);
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).MarkFinishedAsync(JobId);
        if (releaseClaim && S.Submission is { } submission && !string.IsNullOrEmpty(S.Output))
        {
            try
            {
                await OutputClaim.ReleaseAsync(JobStorage.For(store, submission.Scope), S.Output, JobId, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The claim stays; the next job over the folder takes it over, as this job is known to have ended.
                CoordinatorLog.ClaimNotReleased(logger, JobId, e.Message);
            }
        }

        await PublishAsync("finished");
    }
}
