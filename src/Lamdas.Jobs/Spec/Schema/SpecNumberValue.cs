namespace Lamdas.Jobs.Spec.Schema;

/// <summary>A finite number, optionally within bounds that are each open (excluded) or closed (included).</summary>
public sealed record SpecNumberValue : SpecValue
{
    /// <summary>The lower bound, or null for none.</summary>
    public Func<SpecLimits, double>? Minimum { get; init; }

    /// <summary>True: the value must be greater than <see cref="Minimum"/>, not equal to it.</summary>
    public bool MinimumOpen { get; init; }

    /// <summary>The upper bound, or null for none.</summary>
    public Func<SpecLimits, double>? Maximum { get; init; }

    /// <summary>True: the value must be less than <see cref="Maximum"/>, not equal to it.</summary>
    public bool MaximumOpen { get; init; }
}
