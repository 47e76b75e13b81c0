namespace Lamdas.Cluster.Messages;

/// <summary>
/// Where a team's job may read and write: the team's configured prefixes (local folders, <c>az://</c> or blob URLs),
/// carried with the job so every silo confines the job's storage to them — when the spec is checked and again when
/// each file is opened.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.StorageScope")]
public sealed record StorageScope
{
    /// <summary>Prefixes the job may read (its write prefixes may be read too).</summary>
    [Id(0)]
    public IReadOnlyList<string> Read { get; init; } = [];

    /// <summary>Prefixes the job may write.</summary>
    [Id(1)]
    public IReadOnlyList<string> Write { get; init; } = [];
}
