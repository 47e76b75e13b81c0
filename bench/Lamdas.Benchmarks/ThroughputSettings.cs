namespace Lamdas.Benchmarks;

/// <summary>Workload of <c>bench throughput</c>: random documents of fixed or uniformly mixed lengths.</summary>
public sealed record ThroughputSettings
{
    public int Documents { get; init; } = 8;

    /// <summary>Every document this long; null draws lengths uniformly from [MinLength, MaxLength].</summary>
    public int? SequenceLength { get; init; }

    public int MinLength { get; init; } = 64;

    public int MaxLength { get; init; } = 1024;

    public int BatchTokens { get; init; } = 8192;

    public int PrefixLength { get; init; } = 30;

    public int MatmulSize { get; init; } = 2048;

    public int Seed { get; init; } = 7;
}
