namespace Lamdas.Jobs.Spec.Schema;

/// <summary>
/// The shape of a job-spec value in <see cref="JobSpecFields"/>: what <see cref="JobSpecParser"/> reads and checks,
/// and what <see cref="JobSpecSchema"/> publishes as JSON Schema. Bounds that the cluster configures are functions of
/// <see cref="SpecLimits"/>.
/// </summary>
public abstract record SpecValue
{
    /// <summary>What the value is, for a person to read; null: the field's description says it.</summary>
    public string? Description { get; init; }
}
