namespace Lamdas.Jobs.Spec.Schema;

/// <summary>A mapping of names matching <see cref="KeyPattern"/> to values of one shape.</summary>
public sealed record SpecMapValue : SpecValue
{
    /// <summary>A regular expression every key matches.</summary>
    public required string KeyPattern { get; init; }

    public required SpecValue Value { get; init; }

    /// <summary>Fewest entries.</summary>
    public int MinimumEntries { get; init; }

    /// <summary>Most entries.</summary>
    public required Func<SpecLimits, int> MaximumEntries { get; init; }
}
