namespace Lamdas.Storage;

/// <summary>Which kind of store a URI belongs to.</summary>
internal static class StoreRouting
{
    /// <summary>True for blob URIs, false for local paths and <c>file://</c> URIs; any other scheme is an error.</summary>
    public static bool IsBlob(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        if (StorageUri.IsBlob(uri))
        {
            return true;
        }

        var scheme = StorageUri.Scheme(uri);
        if (scheme is not null && !scheme.Equals("file", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"'{uri}': unsupported scheme '{scheme}' (use a local path, file://, az://container/path or an https blob URL)");
        }

        return false;
    }
}
