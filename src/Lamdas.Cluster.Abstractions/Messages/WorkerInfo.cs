namespace Lamdas.Cluster.Messages;

/// <summary>Who asks for a lease: the worker (one per silo) and the device it scores on.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.WorkerInfo")]
public sealed record WorkerInfo
{
    [Id(0)]
    public required string WorkerId { get; init; }

    [Id(1)]
    public string Device { get; init; } = "cpu";

    /// <summary>Shards the worker scores at once (1 per device).</summary>
    [Id(2)]
    public int Capacity { get; init; } = 1;
}
