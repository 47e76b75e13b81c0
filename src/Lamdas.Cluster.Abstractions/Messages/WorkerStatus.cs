namespace Lamdas.Cluster.Messages;

/// <summary>What a silo's scoring worker is doing.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.WorkerStatus")]
public sealed record WorkerStatus
{
    [Id(0)]
    public required string WorkerId { get; init; }

    [Id(1)]
    public string Device { get; init; } = "cpu";

    [Id(2)]
    public string? CurrentJob { get; init; }

    [Id(3)]
    public int CurrentShard { get; init; } = -1;

    [Id(4)]
    public long ShardsCompleted { get; init; }

    [Id(5)]
    public long TokensScored { get; init; }

    [Id(6)]
    public IReadOnlyList<string> LoadedModels { get; init; } = [];

    [Id(7)]
    public int CachedPrefixes { get; init; }
}
