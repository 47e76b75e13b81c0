using Lamdas.Formats;

namespace Lamdas.Jobs.Running;

/// <summary>A job's shards, and whether its output folder holds an earlier run of the same spec.</summary>
public sealed record JobPlan(IReadOnlyList<ShardSpec> Shards, bool Resuming);
