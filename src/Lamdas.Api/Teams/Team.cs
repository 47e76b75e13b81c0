using Lamdas.Api.Access;
using Lamdas.Storage;

namespace Lamdas.Api.Teams;

/// <summary>An authenticated team with its normalized read and write prefixes.</summary>
public sealed class Team
{
    /// <summary>Creates a team from its name and prefixes (already normalized), with weight 1 and no limits.</summary>
    public Team(string name, IReadOnlyList<StoragePrefix> inputPrefixes, IReadOnlyList<StoragePrefix> outputPrefixes)
        : this(name, inputPrefixes, outputPrefixes, TeamQuota.Unlimited)
    {
    }

    /// <summary>Creates a team from its name, prefixes (already normalized), weight and limits.</summary>
    public Team(string name, IReadOnlyList<StoragePrefix> inputPrefixes, IReadOnlyList<StoragePrefix> outputPrefixes, TeamQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        Name = name;
        InputPrefixes = inputPrefixes;
        OutputPrefixes = outputPrefixes;
        Quota = quota;
    }

    /// <summary>The team's name, the owner of its jobs.</summary>
    public string Name { get; }

    /// <summary>Where the team's jobs may read.</summary>
    public IReadOnlyList<StoragePrefix> InputPrefixes { get; }

    /// <summary>Where the team's jobs may write.</summary>
    public IReadOnlyList<StoragePrefix> OutputPrefixes { get; }

    /// <summary>The team's weight and limits.</summary>
    public TeamQuota Quota { get; }

    /// <summary>Builds a team from configuration; throws <see cref="ArgumentException"/> for a prefix that does not normalize.</summary>
    public static Team FromOptions(TeamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Team(
            options.Name.Trim(),
            Prefixes(options.InputPrefixes),
            Prefixes(options.OutputPrefixes),
            new TeamQuota(options.Weight, options.MaxActiveJobs, options.MaxQueuedShards));
    }

    private static StoragePrefix[] Prefixes(IEnumerable<string> configured) =>
        configured.Select(text => StorageLocation.TryParse(text, out var location, out var error)
                ? new StoragePrefix(text, location)
                : throw new ArgumentException($"prefix '{text}' {error}"))
            .ToArray();
}
