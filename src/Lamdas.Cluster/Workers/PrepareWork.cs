using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Workers;

/// <summary>A prepare lease: build the job's scorer (train or load its prefix) and report where the scores come from.</summary>
internal sealed class PrepareWork(JobCache jobs)
{
    public async Task RunAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.job.prepare");
        activity?.SetTag("lamdas.job.id", lease.JobId);
        var job = await jobs.WorkAsync(coordinator, lease, ct);
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
}
