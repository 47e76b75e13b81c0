namespace Lamdas.Api.Teams;

/// <summary>The teams allowed to use the API, bound from the configuration list <c>Lamdas:Teams</c>.</summary>
public sealed class TeamsOptions
{
    /// <summary>The configuration section holding the list of teams.</summary>
    public const string SectionName = "Lamdas:Teams";

    /// <summary>Every team, each with its hashed API key and the storage prefixes it may read and write.</summary>
    public List<TeamOptions> Teams { get; set; } = [];
}
