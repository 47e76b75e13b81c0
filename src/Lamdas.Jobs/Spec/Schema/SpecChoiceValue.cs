namespace Lamdas.Jobs.Spec.Schema;

/// <summary>A value of any one of several shapes (for example <c>false</c>, a folder, or a mapping).</summary>
public sealed record SpecChoiceValue : SpecValue
{
    public required IReadOnlyList<SpecValue> Alternatives { get; init; }
}
