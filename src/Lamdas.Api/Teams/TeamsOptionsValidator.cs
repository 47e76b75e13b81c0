using Lamdas.Storage;
using Microsoft.Extensions.Options;

namespace Lamdas.Api.Teams;

/// <summary>Checks <c>Lamdas:Teams</c> at start: names, key hashes, weights, limits and prefixes, reporting every problem at once.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Teams.Count == 0)
        {
            problems.Add($"{TeamsOptions.SectionName}: no team is configured; add at least one with Name, ApiKeySha256, InputPrefixes and OutputPrefixes");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Teams.Count; i++)
        {
            var team = options.Teams[i];
            var path = $"{TeamsOptions.SectionName}:{i}";
            var teamName = team.Name.Trim();
            if (teamName.Length is 0 or > 64 || !teamName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                problems.Add($"{path}:Name must be 1-64 letters, digits, '-', '_' or '.' (found '{team.Name}')");
            }
            else if (!names.Add(teamName))
            {
                problems.Add($"{path}:Name '{teamName}' is configured twice");
            }

            var hash = ApiKeyHash.TryParse(team.ApiKeySha256);
            if (hash is null)
            {
                problems.Add($"{path}:ApiKeySha256 must be the 64 hex digits of the key's SHA-256 (lamdas hash-key KEY prints it)");
            }
            else if (!hashes.Add(Convert.ToHexStringLower(hash)))
            {
                problems.Add($"{path}:ApiKeySha256 is the same as another team's; every team needs its own key");
            }

            if (!(team.Weight >= TeamQuota.MinWeight && team.Weight <= TeamQuota.MaxWeight))
            {
                problems.Add($"{path}:Weight must be between {TeamQuota.MinWeight} and {TeamQuota.MaxWeight} (found {team.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            }

            if (team.MaxActiveJobs is < 1)
            {
                problems.Add($"{path}:MaxActiveJobs must be at least 1, or left out for no limit (found {team.MaxActiveJobs})");
            }

            if (team.MaxQueuedShards is < 1)
            {
                problems.Add($"{path}:MaxQueuedShards must be at least 1, or left out for no limit (found {team.MaxQueuedShards})");
            }

            CheckPrefixes(problems, $"{path}:InputPrefixes", team.InputPrefixes);
            CheckPrefixes(problems, $"{path}:OutputPrefixes", team.OutputPrefixes);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckPrefixes(List<string> problems, string path, List<string> prefixes)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            var prefix = prefixes[i];
            if (prefix is null || prefix.IndexOfAny(['*', '?', '[']) >= 0)
            {
                problems.Add($"{path}:{i} '{prefix}' must be a plain folder URI, without wildcards");
            }
            else if (!StorageLocation.TryParse(prefix, out _, out var error))
            {
                problems.Add($"{path}:{i} '{prefix}' {error}");
            }
        }
    }
}
