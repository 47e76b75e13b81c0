using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Telemetry;
using Lamdas.Engine.Prefix;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// A finalize lease: gather every shard's result (writing the files of shards that failed every attempt), run the
/// job's selection and write its manifest, report and success marker, then report the outcome to the coordinator.
/// </summary>
internal sealed class FinalizeWork(IObjectStore store, JobCache jobs, ILogger logger)
{
    public async Task RunAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken ct)
    {
        using var activity = LamdasTelemetry.Source.StartActivity("lamdas.job.finalize");
        activity?.SetTag("lamdas.job.id", lease.JobId);
        var spec = await jobs.SpecAsync(coordinator, lease);
        var storage = JobStorage.For(store, lease.Scope);
        var shards = await coordinator.GetPlanAsync();
        var domains = spec.PerDomain();
        var results = new List<IReadOnlyList<ShardResult>>(domains.Count);
        var provenances = new List<JobProvenance>(domains.Count);
        for (var d = 0; d < domains.Count; d++)
        {
            var domainResults = new List<ShardResult>(shards.Count);
            for (var i = 0; i < shards.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                if (lease.FailedShards.TryGetValue(i, out var reason))
                {
                    domainResults.Add(await FailedShardFiles.WriteAsync(storage, domains[d], i, shards[i], reason, ct));
                    continue;
                }

                domainResults.Add(await JobPlanner.CompletedAsync(storage, domains[d], i, ct)
                    ?? throw new InvalidOperationException($"shard {i} is done but its result marker {JobPaths.ShardMarker(i)} is missing under {domains[d].Output}"));
            }

            results.Add(domainResults);
            provenances.Add(await ProvenanceAsync(storage, domains[d], lease.Provenance?.ForDomain(d), ct));
        }

        var provenance = provenances.Count == 1 ? provenances[0] : provenances[0] with { Domains = provenances };
        var summaries = await DomainsFinalizer.FinalizeAsync(storage, spec, shards, results, provenance, lease.Labels,
            m => WorkerLog.JobMessage(logger, lease.JobId, m), ct);
        var summary = summaries[0];
        var message = string.Join("; ", summaries.Select(JobFinalizer.Describe));
        if (lease.FailedShards.Count > 0)
        {
            message = $"{lease.FailedShards.Count} of {shards.Count} shards failed every attempt (see quarantine/); " + message;
        }

        await coordinator.CompleteFinalizationAsync(lease.LeaseId, summaries.All(s => s.Succeeded) && lease.FailedShards.Count == 0, message, summaries.Sum(s => s.Selected));
    }

    /// <summary>
    /// The provenance the preparing worker reported, with the prefix's metadata read from where the prefix lies
    /// (none when no worker prepared the job: methods without a model or prefix).
    /// </summary>
    private static async Task<JobProvenance> ProvenanceAsync(IObjectStore storage, JobSpec spec, JobProvenance? reported, CancellationToken ct)
    {
        if (reported is null)
        {
            return JobProvenance.None;
        }

        PrefixMetadata? metadata = null;
        if (reported.PrefixUri is { } prefixUri)
        {
            metadata = await StoreJson.ReadAsync<PrefixMetadata>(storage, StorageUri.Combine(prefixUri, DomainPrefix.MetadataFile), ct);
        }

        return reported with { Model = reported.Model ?? spec.Model, PrefixMetadata = metadata };
    }
}
