using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Cluster.Aggregation;

/// <summary>A shard whose score batches are being collected under one lease.</summary>
internal sealed class ShardInFlight(int index, ShardSpec plan, JobSpec spec, IObjectStore storage)
{
    public int Index { get; } = index;

    public ShardSpec Plan { get; } = plan;

    public JobSpec Spec { get; } = spec;

    /// <summary>The store confined to the job's storage scope.</summary>
    public IObjectStore Storage { get; } = storage;

    /// <summary>Each domain's single-domain spec, in the order of the spec.</summary>
    public IReadOnlyList<JobSpec> Domains { get; } = spec.PerDomain();

    /// <summary>The scores collected so far, per domain.</summary>
    public ShardAccumulator[] Scores { get; } = spec.PerDomain().Select(_ => new ShardAccumulator()).ToArray();

    public int NextSequence { get; set; }
}
