namespace Lamdas.Jobs.Spec;

/// <summary>Train a prefix from <see cref="Reference"/>, or load the one at <see cref="Path"/>.</summary>
public sealed record PrefixSpec
{
    public string? Reference { get; init; }

    public string? Path { get; init; }

    public int Length { get; init; } = 30;

    public int? Epochs { get; init; }

    public double? LearningRate { get; init; }

    /// <summary>Weight of the contrastive term over a sample of the job's candidates (0: reference only).</summary>
    public double? Contrast { get; init; }

    /// <summary>Candidate documents sampled for the contrastive term.</summary>
    public int? Background { get; init; }
}
