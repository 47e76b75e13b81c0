using Lamdas.Api.Access;
using Lamdas.Storage;

namespace Lamdas.Api.Teams;

/// <summary>An authenticated team with its normalized read and write prefixes.</summary>
public sealed class Team
{
    /// <summary>Creates a team from its name and prefixes (already normalized).</summary>
    public Team(string name, IReadOnlyList<StoragePrefix> inputPrefixes, IReadOnlyList<StoragePrefix> outputPrefixes)
    {
        Name = name;
        InputPrefixes = inputPrefixes;
        OutputPrefixes = outputPrefixes;
    }

    /// <summary>The team's name, the owner of its jobs.</summary>
    public string Name { get; }

    /// <summary>Where the team's jobs may read.</summary>
    public IReadOnlyList<StoragePrefix> InputPrefixes { get; }

    /// <summary>Where the team's jobs may write.</summary>
    public IReadOnlyList<StoragePrefix> OutputPrefixes { get; }

    /// <summary>Builds a team from configuration; throws <see cref="ArgumentException"/> for a prefix that does not normalize.</summary>
    public static Team FromOptions(TeamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Team(options.Name.Trim(), Prefixes(options.InputPrefixes), Prefixes(options.OutputPrefixes));
    }

    private static StoragePrefix[] Prefixes(IEnumerable<string> configured) =>
        configured.Select(text => StorageLocation.TryParse(text, out var location, out var error)
                ? new StoragePrefix(text, location)
                : throw new ArgumentException($"prefix '{text}' {error}"))
            .ToArray();
}
