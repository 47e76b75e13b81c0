using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Aggregation;

/// <summary>A shard whose score batches are being collected under one lease.</summary>
internal sealed class ShardInFlight(int index, ShardPlan plan, JobSpec spec)
{
    public int Index { get; } = index;

    public ShardPlan Plan { get; } = plan;

    public JobSpec Spec { get; } = spec;

    public ShardAccumulator Scores { get; } = new();

    public int NextSequence { get; set; }
}
