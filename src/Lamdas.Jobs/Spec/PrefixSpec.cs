namespace Lamdas.Jobs.Spec;

/// <summary>Train a prefix from <see cref="Reference"/>, or load the one at <see cref="Path"/>.</summary>
public sealed record PrefixSpec
{
    public string? Reference { get; init; }

    public string? Path { get; init; }

    public int Length { get; init; } = 30;

    public int? Epochs { get; init; }

    public double? LearningRate { get; init; }
}
