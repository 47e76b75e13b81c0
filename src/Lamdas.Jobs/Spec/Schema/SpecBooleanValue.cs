namespace Lamdas.Jobs.Spec.Schema;

/// <summary><c>true</c> or <c>false</c>; with <see cref="Only"/>, that value alone.</summary>
public sealed record SpecBooleanValue : SpecValue
{
    public bool? Only { get; init; }
}
