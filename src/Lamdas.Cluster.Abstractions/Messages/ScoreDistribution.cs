namespace Lamdas.Cluster.Messages;

/// <summary>A partition's score distribution: counts and a serialized, mergeable KLL quantile sketch of the scores.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.ScoreDistribution")]
public sealed record ScoreDistribution
{
    [Id(0)]
    public long Count { get; init; }

    [Id(1)]
    public long Selected { get; init; }

    /// <summary>The sketch (Lamdas.Selection.QuantileSketch bytes); empty when no score was seen.</summary>
    [Id(2)]
    public byte[] Sketch { get; init; } = [];
}
