using Lamdas.Cluster.Messages;
using Lamdas.Formats;

namespace Lamdas.Cluster.Coordination;

/// <summary>A planned shard and what has happened to it (persisted with the coordinator's state).</summary>
[GenerateSerializer]
public sealed class ShardRecord
{
    [Id(0)]
    public required ShardSpec Plan { get; init; }

    [Id(1)]
    public ShardStatus Status { get; set; }

    [Id(2)]
    public int Attempts { get; set; }

    [Id(3)]
    public string? LastError { get; set; }

    [Id(4)]
    public ShardCompletion? Completion { get; set; }

    /// <summary>Times work on the shard was interrupted by the cluster (not counted as attempts).</summary>
    [Id(5)]
    public int Interruptions { get; set; }
}
