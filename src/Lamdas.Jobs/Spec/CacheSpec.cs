namespace Lamdas.Jobs.Spec;

/// <summary>
/// Where a job keeps and looks up its model passes between jobs (<c>cache:</c>): a store folder, or off. A job that
/// says nothing uses its host's score store, if the host has one.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.CacheSpec")]
public sealed record CacheSpec
{
    /// <summary>The store's folder (a local path or blob URI); null with <see cref="Enabled"/> false.</summary>
    [Id(0)]
    public string? Path { get; init; }

    /// <summary>False: the job neither reads nor writes a store, not even its host's.</summary>
    [Id(1)]
    public bool Enabled { get; init; } = true;

    /// <summary>The spec of <c>cache: false</c>.</summary>
    public static CacheSpec Off { get; } = new() { Enabled = false };
}
