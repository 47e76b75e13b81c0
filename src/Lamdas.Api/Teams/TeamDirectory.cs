using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Lamdas.Api.Teams;

/// <summary>Finds the team an API key belongs to by comparing SHA-256 hashes in constant time.</summary>
public sealed class TeamDirectory
{
    private readonly (byte[] Hash, Team Team)[] _teams;

    /// <summary>Builds the directory from the validated <c>Lamdas:Teams</c> options.</summary>
    public TeamDirectory(IOptions<TeamsOptions> options)
        : this(options.Value.Teams)
    {
    }

    /// <summary>Builds the directory from team options (hashes and prefixes must be valid).</summary>
    public TeamDirectory(IEnumerable<TeamOptions> teams)
    {
        ArgumentNullException.ThrowIfNull(teams);
        _teams = teams
            .Select(t => (ApiKeyHash.TryParse(t.ApiKeySha256) ?? throw new ArgumentException($"team '{t.Name}': ApiKeySha256 is not a hex SHA-256"), Team.FromOptions(t)))
            .ToArray();
    }

    /// <summary>The configured teams.</summary>
    public IEnumerable<Team> Teams => _teams.Select(t => t.Team);

    /// <summary>The team whose key this is, or null. Every team's hash is compared, so the time taken does not tell which matched.</summary>
    public Team? Authenticate(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var presented = ApiKeyHash.Bytes(apiKey);
        Team? found = null;
        foreach (var (hash, team) in _teams)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                found = team;
            }
        }

        return found;
    }
}
