namespace Lamdas.Cluster.Messages;

/// <summary>A partition's score distribution: fixed-width histogram counts and a serialized quantile sketch.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.ScoreDistribution")]
public sealed record ScoreDistribution
{
    [Id(0)]
    public double Low { get; init; }

    [Id(1)]
    public double High { get; init; }

    [Id(2)]
    public long[] Selected { get; init; } = [];

    [Id(3)]
    public long[] Rejected { get; init; } = [];

    [Id(4)]
    public byte[] Sketch { get; init; } = [];

    [Id(5)]
    public long Count { get; init; }
}
