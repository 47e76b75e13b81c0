using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

/// <summary>A prepare lease: build the job's scorer (train or load its prefix) and report where the scores come from.</summary>
/// <remarks>Each epoch of the prefix training is reported to the coordinator as it ends (a one-way call).</remarks>
internal sealed class PrepareWork(JobCache jobs, ILogger logger)
{
    public async Task RunAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.job.prepare");
        activity?.SetTag("lamdas.job.id", lease.JobId);
        var job = await jobs.WorkAsync(coordinator, lease, ct, p => Report(coordinator, lease, p));
        if (job.Provenance.PrefixMetadata?.ValidationNllPrefix is { } loss)
        {
            LamdasTelemetry.SetPrefixLoss(lease.JobId, loss);
        }

        // The metadata stays here: the finalizer reads it from the prefix's folder.
        var provenance = job.Provenance with { PrefixMetadata = null };
        if (provenance.Domains is { } domains)
        {
            provenance = provenance with { Domains = domains.Select(d => d with { PrefixMetadata = null }).ToList() };
        }

        await coordinator.CompletePreparationAsync(lease.LeaseId, provenance);
    }

    /// <summary>Called on the training thread: sends the epoch without waiting, and never fails the training.</summary>
    private void Report(IJobCoordinatorGrain coordinator, ShardLease lease, PrefixTrainingProgress progress)
    {
        try
        {
            LamdasTelemetry.SetPrefixEpoch(lease.JobId, progress.Epoch);
            _ = coordinator.ReportPrefixTrainingAsync(lease.LeaseId, progress).ContinueWith(
                t => WorkerLog.LoopError(logger, t.Exception!.GetBaseException().Message, t.Exception),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WorkerLog.LoopError(logger, e.Message, e);
        }
    }
}
