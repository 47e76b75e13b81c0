using System.Text.RegularExpressions;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>The patterns of a .dockerignore file (no ! exceptions), matched against context-relative paths.</summary>
public sealed class DockerIgnore(IReadOnlyList<string> patterns)
{
    public IReadOnlyList<string> Patterns { get; } = patterns;

    public static DockerIgnore Parse(string text) => new(text.Replace("\r\n", "\n").Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.TrimEnd('/'))
        .ToList());

    /// <summary>Whether the path, or a folder above it, is excluded.</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        for (var n = 1; n <= parts.Length; n++)
        {
            var prefix = string.Join('/', parts.Take(n));
            if (Patterns.Any(p => Regex.IsMatch(prefix, ToRegex(p))))
            {
                return true;
            }
        }

        return false;
    }

    private static string ToRegex(string pattern)
    {
        var regex = Regex.Escape(pattern)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return "^" + regex + "$";
    }
}
