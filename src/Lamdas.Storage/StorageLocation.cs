using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Lamdas.Storage;

/// <summary>
/// A storage URI reduced to what access control compares: a root (the local file system, the <c>az://</c> account, or
/// one blob endpoint) and the path below it as segments, with <c>..</c>, <c>file://</c> vs plain paths and trailing
/// slashes already resolved. Anything whose meaning could differ between the ways the storage layer reads it (percent
/// escapes that change a <c>file://</c> path, dot segments or backslashes in blob names, relative paths) is refused.
/// </summary>
public sealed class StorageLocation
{
    private const string FileRoot = "file";
    private const string AzRoot = "az";
    private const string BlobRootPrefix = "blob:";

    private StorageLocation(string root, IReadOnlyList<string> segments)
    {
        Root = root;
        Segments = segments;
    }

    /// <summary><c>file</c> (local paths), <c>az</c> (the configured account) or <c>blob:host[:port][/account]</c>.</summary>
    public string Root { get; }

    /// <summary>The path below the root; for blobs the first segment is the container.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>True when <paramref name="other"/> is this location or lies below it (whole segments: <c>data</c> does not contain <c>database</c>).</summary>
    public bool Contains(StorageLocation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Root, other.Root, StringComparison.Ordinal) || other.Segments.Count < Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            if (!string.Equals(Segments[i], other.Segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A canonical form: <c>/a/b</c>, <c>az://container/a</c> or <c>https://host/container/a</c>.</summary>
    public override string ToString()
    {
        var path = string.Join('/', Segments);
        return Root switch
        {
            FileRoot => "/" + path,
            AzRoot => "az://" + path,
            _ => "https://" + Root[BlobRootPrefix.Length..] + "/" + path,
        };
    }

    /// <summary>Normalizes a local path, <c>file:///</c> URI, <c>az://</c> URI or blob URL; false with the reason when it cannot be vouched for.</summary>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out StorageLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        if (string.IsNullOrWhiteSpace(uri))
        {
            error = "is empty";
            return false;
        }

        if (uri.Contains('\0', StringComparison.Ordinal))
        {
            error = "contains a NUL character";
            return false;
        }

        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 && uri[..schemeEnd].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')
            ? uri[..schemeEnd].ToLowerInvariant()
            : null;
        error = scheme switch
        {
            null => ParseLocal(uri, out location),
            "file" => ParseFileUri(uri, out location),
            "az" => ParseAz(uri[(schemeEnd + 3)..], out location),
            "https" or "http" => ParseUrl(uri, out location),
            _ => $"uses the unsupported scheme '{scheme}' (use an absolute path, file:///, az:// or an https blob URL)",
        };
        return error is null;
    }

    private static string? ParseLocal(string path, out StorageLocation? location)
    {
        location = null;
        if (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return "is not a valid file URI (write file:///absolute/path or a plain absolute path)";
        }

        if (!Path.IsPathFullyQualified(path))
        {
            return "is a relative path: the server has no working directory of yours; use an absolute path or a URI";
        }

        return FromFullPath(path, out location);
    }

    private static string? ParseFileUri(string uri, out StorageLocation? location)
    {
        location = null;
        const string prefix = "file:///";
        if (!uri.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "is not a local file URI: write file:///absolute/path (file://host/… and relative file URIs are not supported)";
        }

        // The storage layer reads file URIs through System.Uri (percent escapes decoded, dot segments removed) while
        // model loading strips "file://"; both readings must name the same path.
        var raw = uri["file://".Length..];
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile || !string.IsNullOrEmpty(parsed.Host))
        {
            return "is not a valid file URI (expected file:///absolute/path)";
        }

        string decodedFull;
        string rawFull;
        try
        {
            decodedFull = Path.GetFullPath(parsed.LocalPath);
            rawFull = Path.GetFullPath(raw);
        }
        catch (ArgumentException e)
        {
            return $"is not a valid path: {e.Message}";
        }

        if (!string.Equals(decodedFull, rawFull, StringComparison.Ordinal))
        {
            return "is ambiguous: percent escapes, '?', '#' or '\\' change what a file URI names; write it as a plain absolute path";
        }

        return FromFullPath(raw, out location);
    }

    private static string? FromFullPath(string path, out StorageLocation? location)
    {
        location = null;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (ArgumentException e)
        {
            return $"is not a valid path: {e.Message}";
        }

        var segments = full.Replace(Path.DirectorySeparatorChar, '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        location = new StorageLocation(FileRoot, segments);
        return null;
    }

    private static string? ParseAz(string rest, out StorageLocation? location)
    {
        location = null;
        var problem = BlobSegments(rest, decode: false, out var segments);
        if (problem is not null)
        {
            return problem;
        }

        if (segments.Count == 0 || segments[0].Length == 0)
        {
            return "names no container (write az://container/path)";
        }

        location = new StorageLocation(AzRoot, segments);
        return null;
    }

    private static string? ParseUrl(string uri, out StorageLocation? location)
    {
        location = null;
        if (uri.IndexOfAny(['?', '#']) >= 0)
        {
            return "has a query string or fragment: blob URLs must be plain (put credentials in the connection string)";
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return "is not a valid URL";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "carries user information; blob URLs must not";
        }

        var afterScheme = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = afterScheme.IndexOf('/');
        var rawPath = slash < 0 ? "" : afterScheme[(slash + 1)..];
        var problem = BlobSegments(rawPath, decode: true, out var segments);
        if (problem is not null)
        {
            return problem;
        }

        var host = parsed.Host.ToLowerInvariant();
        var root = BlobRootPrefix + host + (parsed.IsDefaultPort ? "" : ":" + parsed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pathStyle = IPAddress.TryParse(parsed.Host.Trim('[', ']'), out _) || parsed.IsLoopback;
        if (pathStyle)
        {
            // Emulator URLs: http://127.0.0.1:10000/account/container/path.
            if (segments.Count == 0 || segments[0].Length == 0)
            {
                return "is an emulator URL without the account name (http://127.0.0.1:10000/account/container/path)";
            }

            root += "/" + segments[0];
            segments = segments.Skip(1).ToList();
        }

        if (segments.Count == 0 || segments[0].Length == 0)
        {
            return "names no container (write https://account.blob.core.windows.net/container/path)";
        }

        location = new StorageLocation(root, segments);
        return null;
    }

    /// <summary>Splits a blob path into segments, refusing dot segments and backslashes (read differently by the SDK, the service and listings).</summary>
    private static string? BlobSegments(string path, bool decode, out List<string> segments)
    {
        segments = [];
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "contains '\\', which blob storage may read as '/'";
        }

        foreach (var raw in path.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(raw);
            if (raw is "." or ".." || decoded is "." or ".." || decoded.Contains('/', StringComparison.Ordinal) || decoded.Contains('\\', StringComparison.Ordinal))
            {
                return $"has the path segment '{raw}': '.' and '..' segments and escaped slashes are not allowed in blob URIs";
            }

            segments.Add(decode ? decoded : raw);
        }

        while (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return null;
    }
}
