using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Workers;

/// <summary>A job as one worker holds it: the spec, the plan, and the method's scorer (model shared, prefix loaded).</summary>
internal sealed class JobWork(Lamdas.Storage.IObjectStore store, JobSpec spec, IReadOnlyList<ShardSpec> shards, IJobScorer scorer, JobProvenance provenance) : IDisposable
{
    public JobSpec Spec { get; } = spec;

    public IReadOnlyList<ShardSpec> Shards { get; } = shards;

    public JobProvenance Provenance { get; } = provenance;

    public ShardScorer Scorer { get; } = new(store, spec, scorer);

    public void Dispose() => scorer.Dispose();
}
