namespace Lamdas.Cluster.Coordination;

/// <summary>A shard's state in the coordinator.</summary>
[GenerateSerializer]
public enum ShardStatus
{
    Pending = 0,
    Leased = 1,
    Done = 2,

    /// <summary>Failed too many times; its records are not in the output and the job reports it.</summary>
    Failed = 3,
}
