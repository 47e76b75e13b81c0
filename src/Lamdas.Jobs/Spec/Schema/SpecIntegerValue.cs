namespace Lamdas.Jobs.Spec.Schema;

/// <summary>An integer (a number without fraction: <c>3.0</c> counts) between <see cref="Minimum"/> and <see cref="Maximum"/>, both included.</summary>
public sealed record SpecIntegerValue : SpecValue
{
    public required Func<SpecLimits, long> Minimum { get; init; }

    public required Func<SpecLimits, long> Maximum { get; init; }
}
