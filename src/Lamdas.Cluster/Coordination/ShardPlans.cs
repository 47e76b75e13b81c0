using Lamdas.Cluster.Messages;
using Lamdas.Formats;

namespace Lamdas.Cluster.Coordination;

/// <summary>Converts between the engine's shard specs and the grain messages' shard plans.</summary>
public static class ShardPlans
{
    public static ShardPlan ToPlan(this ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new ShardPlan { Uri = shard.Uri, Format = shard.Format.ToString(), Start = shard.Start, End = shard.End, RowGroup = shard.RowGroup };
    }

    public static ShardSpec ToSpec(this ShardPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ShardSpec(plan.Uri, Enum.Parse<RecordFormat>(plan.Format), plan.Start, plan.End, plan.RowGroup);
    }
}
