using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

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

        await coordinator.CompletePreparationAsync(lease.LeaseId, ToInfo(job.Provenance, job.Spec));
    }

    private static JobProvenanceInfo ToInfo(JobProvenance provenance, JobSpec spec) => new()
    {
        Model = provenance.Model,
        ModelFingerprint = provenance.ModelFingerprint,
        Architecture = provenance.Architecture,
        PrefixFingerprint = provenance.PrefixFingerprint,
        PrefixUri = provenance.PrefixFingerprint is null ? null : spec.Prefix?.Path ?? StorageUri.Combine(spec.Output, "prefix"),
    };
}
