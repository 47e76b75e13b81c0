using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Cluster.Aggregation;

/// <summary>A shard whose score batches are being collected under one lease.</summary>
internal sealed class ShardInFlight(int index, ShardPlan plan, JobSpec spec, IObjectStore storage)
{
    public int Index { get; } = index;

    public ShardPlan Plan { get; } = plan;

    public JobSpec Spec { get; } = spec;

    /// <summary>The store confined to the job's storage scope.</summary>
    public IObjectStore Storage { get; } = storage;

    public ShardAccumulator Scores { get; } = new();

    public int NextSequence { get; set; }
}
