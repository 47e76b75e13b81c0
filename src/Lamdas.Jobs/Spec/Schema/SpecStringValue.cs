namespace Lamdas.Jobs.Spec.Schema;

/// <summary>
/// A string: non-empty, without control characters and at most <see cref="SpecLimits.MaxStringLength"/> characters,
/// further held to <see cref="Words"/> or <see cref="Pattern"/> and never one of <see cref="Refused"/>.
/// </summary>
public sealed record SpecStringValue : SpecValue
{
    /// <summary>The only values allowed, or null for any text.</summary>
    public IReadOnlyList<string>? Words { get; init; }

    /// <summary>A regular expression the whole value matches (ECMA-262 and .NET alike: ASCII classes, anchors).</summary>
    public string? Pattern { get; init; }

    /// <summary>Values that are refused although they are text (the words that switch a feature on where it needs a value).</summary>
    public IReadOnlyList<string>? Refused { get; init; }
}
