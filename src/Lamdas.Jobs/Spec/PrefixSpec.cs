namespace Lamdas.Jobs.Spec;

/// <summary>Train a prefix from <see cref="Reference"/>, or load the one at <see cref="Path"/>.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.PrefixSpec")]
public sealed record PrefixSpec
{
    [Id(0)]
    public string? Reference { get; init; }

    [Id(1)]
    public string? Path { get; init; }

    [Id(2)]
    public int Length { get; init; } = 30;

    [Id(3)]
    public int? Epochs { get; init; }

    [Id(4)]
    public double? LearningRate { get; init; }

    /// <summary>Weight of the contrastive term over a sample of the job's candidates (0: reference only).</summary>
    [Id(5)]
    public double? Contrast { get; init; }

    /// <summary>Candidate documents sampled for the contrastive term.</summary>
    [Id(6)]
    public int? Background { get; init; }
}
