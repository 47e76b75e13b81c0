using Lamdas.Api.Teams;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Api.Access;

/// <summary>Checks that every storage location a job spec reads or writes lies under the team's prefixes.</summary>
public static class SpecAccessChecker
{
    /// <summary>Every field of <paramref name="spec"/> that names storage outside the team's prefixes (empty when all are allowed).</summary>
    public static IReadOnlyList<AccessViolation> Check(JobSpec spec, Team team)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(team);
        var violations = new List<AccessViolation>();
        Read("input", spec.Input);
        Read("model", spec.Model);
        Read("prefix.reference", spec.Prefix?.Reference);
        Read("prefix.path", spec.Prefix?.Path);
        Read("reference", spec.Reference);
        foreach (var domain in spec.Domains ?? [])
        {
            Read($"domains.{domain.Name}.reference", domain.Prefix.Reference);
            Read($"domains.{domain.Name}.path", domain.Prefix.Path);
        }

        var output = CheckOne("output", spec.Output, team.OutputPrefixes, "output");
        if (output is not null)
        {
            violations.Add(output);
        }

        // The score store is read and written: it must lie where the team may write.
        if (spec.Cache?.Path is { } cache && CheckOne("cache.path", cache, team.OutputPrefixes, "output") is { } store)
        {
            violations.Add(store);
        }

        return violations;

        void Read(string field, string? value)
        {
            if (value is not null && CheckOne(field, value, team.InputPrefixes, "input") is { } violation)
            {
                violations.Add(violation);
            }
        }
    }

    /// <summary>Null when <paramref name="value"/> lies under one of <paramref name="prefixes"/>, else why not.</summary>
    public static AccessViolation? CheckOne(string field, string value, IReadOnlyList<StoragePrefix> prefixes, string kind)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var allowed = prefixes.Select(p => p.Configured).ToArray();
        if (!StorageLocation.TryParse(value, out var location, out var error))
        {
            return new AccessViolation(field, value, $"{field} '{value}' {error}", allowed);
        }

        if (prefixes.Any(p => p.Location.Contains(location)))
        {
            return null;
        }

        var reason = allowed.Length == 0
            ? $"{field} '{value}' is not allowed: the team has no {kind} prefixes"
            : $"{field} '{value}' is outside the team's {kind} prefixes ({string.Join(", ", allowed)})";
        return new AccessViolation(field, value, reason, allowed);
    }
}
