namespace Lamdas.Jobs.Spec;

/// <summary>
/// One domain of a job that selects several from the same candidates (<c>domains:</c>): its name, which is also the
/// folder of its output under the job's, and its prefix (trained from a reference set, or an existing one).
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.DomainSpec")]
public sealed record DomainSpec
{
    /// <summary>Letters, digits, '-', '_' and '.', 1-64 characters, not starting with '_' or '.'.</summary>
    [Id(0)]
    public required string Name { get; init; }

    [Id(1)]
    public required PrefixSpec Prefix { get; init; }
}
