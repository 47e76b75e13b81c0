namespace Lamdas.Storage;

/// <summary>Containment of '/'-separated paths on whole segments: <c>/data/a</c> contains <c>/data/a/x</c>, not <c>/data/ab</c>.</summary>
internal static class PathPrefix
{
    /// <summary>A folder path without its trailing '/' (the root keeps it).</summary>
    public static string Normalize(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 || trimmed.EndsWith(':') ? trimmed + "/" : trimmed;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> (normalized) or lies below it.</summary>
    public static bool Contains(string prefix, string path)
    {
        if (prefix.EndsWith('/'))
        {
            return path.StartsWith(prefix, StringComparison.Ordinal) || path == prefix.TrimEnd('/');
        }

        return path.StartsWith(prefix, StringComparison.Ordinal)
            && (path.Length == prefix.Length || path[prefix.Length] == '/');
    }
}
