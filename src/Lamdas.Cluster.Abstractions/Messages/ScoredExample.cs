namespace Lamdas.Cluster.Messages;

/// <summary>A scored document kept for the report's examples.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.ScoredExample")]
public sealed record ScoredExample(
    [property: Id(0)] string Id,
    [property: Id(1)] double Score,
    [property: Id(2)] int Tokens,
    [property: Id(3)] string Snippet);
