namespace Lamdas.Api.Teams;

/// <summary>One team allowed to use the API (an entry of the <c>Lamdas:Teams</c> configuration list).</summary>
public sealed class TeamOptions
{
    /// <summary>The team's name; jobs are owned by it. Letters, digits, '-', '_' and '.'.</summary>
    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the team's API key (<c>lamdas hash-key KEY</c> prints it); the key itself is never stored.</summary>
    public string ApiKeySha256 { get; set; } = "";

    /// <summary>
    /// Storage URI prefixes the team's jobs may read (input, model, prefix.reference, prefix.path, reference):
    /// absolute paths, <c>file:///…</c>, <c>az://container/folder</c> or <c>https://account.blob…/container/folder</c>.
    /// A prefix names a folder: <c>az://c/data</c> covers <c>az://c/data/x</c> but not <c>az://c/database</c>.
    /// </summary>
    public List<string> InputPrefixes { get; set; } = [];

    /// <summary>Storage URI prefixes the team's jobs may write their output folder under (same forms as <see cref="InputPrefixes"/>).</summary>
    public List<string> OutputPrefixes { get; set; } = [];

    /// <summary>
    /// The team's share of the workers against other busy teams (default 1): teams share the workers in proportion to
    /// their weights, each counting the leases its jobs hold. Between 0.01 and 1000.
    /// </summary>
    public double Weight { get; set; } = 1;

    /// <summary>Most jobs of the team that may be active (not ended) at once; a submission beyond it is refused (429). Null: no limit.</summary>
    public int? MaxActiveJobs { get; set; }

    /// <summary>
    /// Most shards not yet done over the team's active jobs; while they are at least this many, a submission is refused
    /// (429). Null: no limit.
    /// </summary>
    public long? MaxQueuedShards { get; set; }
}
