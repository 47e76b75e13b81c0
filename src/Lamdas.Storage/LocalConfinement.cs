namespace Lamdas.Storage;

/// <summary>
/// The local prefixes of a <see cref="StorageGrant"/>. Each prefix is kept as written (normalized) and as its real path,
/// resolved once here (a prefix that does not exist yet: its nearest existing folder, resolved, plus the rest). Paths are
/// checked as written (after '.' and '..' are applied) against either form, and real paths against the real form only.
/// </summary>
internal sealed class LocalConfinement
{
    private readonly Prefix[] _read;
    private readonly Prefix[] _write;

    public LocalConfinement(IEnumerable<string> read, IEnumerable<string> write)
    {
        _write = write.Select(Create).ToArray();
        _read = read.Select(Create).Concat(_write).ToArray();
    }

    /// <summary>Refuses a path (absolute, '.' and '..' applied) that lies outside the prefixes for <paramref name="access"/>.</summary>
    public void CheckPath(string uri, string path, StorageAccess access, string operation)
    {
        path = PathPrefix.Normalize(path);
        if (!Prefixes(access).Any(p => PathPrefix.Contains(p.Written, path) || PathPrefix.Contains(p.Real, path)))
        {
            throw Denied(uri, operation, AccessDenial.Outside, access);
        }
    }

    /// <summary>True when a real path (no links) lies inside the real prefixes for <paramref name="access"/>.</summary>
    public bool IsInside(string realPath, StorageAccess access) =>
        Prefixes(access).Any(p => PathPrefix.Contains(p.Real, realPath));

    /// <summary>
    /// The real path of <paramref name="path"/>, refused when it leaves the prefixes for <paramref name="access"/>
    /// (<paramref name="why"/> says so; by default that a symbolic link leads outside).
    /// </summary>
    public string ResolveInside(string uri, string path, StorageAccess access, string operation, string why = AccessDenial.LinkOutside)
    {
        string real;
        try
        {
            real = RealPath.Resolve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorKind.AccessDenied, uri, $"cannot {operation} '{uri}': its symbolic links cannot be resolved ({e.Message})", e);
        }

        if (!IsInside(real, access))
        {
            throw Denied(uri, operation, why, access);
        }

        return real;
    }

    public StorageException Denied(string uri, string operation, string why, StorageAccess access) =>
        AccessDenial.Create(uri, operation, why, access, Prefixes(access).Select(p => p.Written).Distinct());

    private Prefix[] Prefixes(StorageAccess access) => access == StorageAccess.Write ? _write : _read;

    private static Prefix Create(string uri)
    {
        var scheme = StorageUri.Scheme(uri);
        if (scheme is null && !Path.IsPathFullyQualified(uri))
        {
            throw Invalid(uri, "a local prefix must be an absolute path or a file:/// URI");
        }

        if (GlobPattern.HasWildcard(uri))
        {
            throw Invalid(uri, "prefixes may not contain wildcards");
        }

        try
        {
            var written = PathPrefix.Normalize(LocalPath.Resolve(uri));
            return new Prefix(written, PathPrefix.Normalize(RealPath.Resolve(written)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageException or ArgumentException)
        {
            throw new StorageException(StorageErrorKind.Configuration, uri, $"'{uri}' is not a valid storage prefix: {e.Message}", e);
        }
    }

    private static StorageException Invalid(string uri, string why) =>
        new(StorageErrorKind.Configuration, uri, $"'{uri}' is not a valid storage prefix: {why}");

    private sealed record Prefix(string Written, string Real);
}
