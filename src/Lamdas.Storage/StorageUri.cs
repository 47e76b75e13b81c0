namespace Lamdas.Storage;

/// <summary>Helpers for building and taking apart storage URIs of either kind.</summary>
public static class StorageUri
{
    /// <summary>
    /// Appends a relative path ('/'-separated) to a folder URI, keeping the base's form:
    /// <c>Combine("az://c/out", "selected/part-00000.jsonl")</c> is <c>az://c/out/selected/part-00000.jsonl</c>.
    /// </summary>
    public static string Combine(string baseUri, string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUri);
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0)
        {
            return baseUri;
        }

        if (relative.StartsWith('/') || Scheme(relative) is not null)
        {
            throw new ArgumentException($"'{relative}' is not a relative path", nameof(relative));
        }

        return baseUri.TrimEnd('/') + "/" + relative;
    }

    /// <summary>True for blob URIs: <c>az://</c>, <c>https://</c> and <c>http://</c>.</summary>
    public static bool IsBlob(string uri)
    {
        var scheme = Scheme(uri);
        return scheme is not null && (scheme.Equals("az", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("http", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The last path segment (empty for a URI ending in '/'); URL query strings and escapes are removed.</summary>
    public static string FileName(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = Scheme(uri);
        var isUrl = scheme is not null && (scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("http", StringComparison.OrdinalIgnoreCase));
        var path = uri;
        if (isUrl)
        {
            var query = path.IndexOfAny(['?', '#']);
            path = query < 0 ? path : path[..query];
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        return isUrl ? System.Uri.UnescapeDataString(name) : name;
    }

    /// <summary>The scheme of a <c>scheme://…</c> URI, or null for a plain path.</summary>
    internal static string? Scheme(string uri)
    {
        var end = uri.IndexOf("://", StringComparison.Ordinal);
        if (end <= 0)
        {
            return null;
        }

        for (var i = 0; i < end; i++)
        {
            var c = uri[i];
            var valid = char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'));
            if (!valid)
            {
                return null;
            }
        }

        return uri[..end];
    }
}
