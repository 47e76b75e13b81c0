namespace Lamdas.Storage;

/// <summary>Turns a local path or <c>file://</c> URI into an absolute path with '/' separators.</summary>
internal static class LocalPath
{
    public static string Resolve(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        var path = uri;
        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            {
                throw new StorageException(StorageErrorKind.InvalidUri, uri, $"'{uri}' is not a valid file URI (expected file:///absolute/path)");
            }

            if (!string.IsNullOrEmpty(parsed.Host) && !parsed.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageException(StorageErrorKind.InvalidUri, uri, $"'{uri}' names a remote host; only local file URIs (file:///path) are supported");
            }

            path = parsed.LocalPath;
        }

        var full = Path.GetFullPath(path);
        return full.Replace(Path.DirectorySeparatorChar, '/');
    }
}
