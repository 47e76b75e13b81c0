namespace Lamdas.Storage;

/// <summary>The <see cref="StorageErrorKind.AccessDenied"/> errors of confined stores, worded alike for files and blobs.</summary>
internal static class AccessDenial
{
    public const string Outside = "the path lies outside the allowed prefixes";

    public const string LinkOutside = "a symbolic link leads outside the allowed prefixes";

    public const string UnsafeBlobName = "blob names with empty, '.' or '..' segments or backslashes are not allowed";

    /// <summary>
    /// <c>cannot read '/data/b/x': the path lies outside the allowed prefixes (may read: /data/a)</c>; the prefixes listed
    /// are those of the store's grant for that kind of access.
    /// </summary>
    public static StorageException Create(string uri, string operation, string why, StorageAccess access, IEnumerable<string> prefixes)
    {
        var list = string.Join(", ", prefixes);
        var may = access == StorageAccess.Read ? "read" : "write";
        return new StorageException(StorageErrorKind.AccessDenied, uri,
            $"cannot {operation} '{uri}': {why} (may {may}: {(list.Length == 0 ? "nothing" : list)})");
    }
}
