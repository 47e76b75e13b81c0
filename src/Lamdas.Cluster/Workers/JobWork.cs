using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Workers;

/// <summary>A job as one worker holds it: the spec, the plan, and each domain's scorer (model shared, prefixes loaded).</summary>
internal sealed class JobWork(Lamdas.Storage.IObjectStore store, JobSpec spec, IReadOnlyList<ShardSpec> shards, JobScorers scorers) : IDisposable
{
    public JobSpec Spec { get; } = spec;

    public IReadOnlyList<ShardSpec> Shards { get; } = shards;

    public JobProvenance Provenance => scorers.Provenance;

    public JobScorers Scorers => scorers;

    public ShardScorer Scorer { get; } = new(store, spec, scorers.Domains);

    public void Dispose() => scorers.Dispose();
}
