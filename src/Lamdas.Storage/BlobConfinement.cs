namespace Lamdas.Storage;

/// <summary>
/// The blob prefixes of a <see cref="StorageGrant"/>. A blob URI is compared on its parsed parts: the endpoint
/// (none for <c>az://</c>), the container and the blob name's '/'-separated segments. Names with empty, '.' or '..'
/// segments or backslashes are refused outright: URL handling may collapse or convert them, so the name the service
/// sees could differ from the one checked.
/// </summary>
internal sealed class BlobConfinement
{
    private readonly Prefix[] _read;
    private readonly Prefix[] _write;

    public BlobConfinement(IEnumerable<string> read, IEnumerable<string> write)
    {
        _write = write.Select(Create).ToArray();
        _read = read.Select(Create).Concat(_write).ToArray();
    }

    /// <summary>
    /// Refuses a URI outside the prefixes for <paramref name="access"/>: a blob, a folder (one trailing '/' allowed)
    /// or, with an empty name, a whole container.
    /// </summary>
    public void Check(string uri, StorageAccess access, string operation)
    {
        var location = BlobLocation.Parse(uri);
        Check(uri, location, Segments(uri, location.Path, operation, access), access, operation);
    }

    /// <summary>
    /// Refuses a listing whose glob could reach outside: the folder before the first wildcard must lie inside the
    /// prefixes for reading (<c>az://c/team-a/*.jsonl</c> with prefix <c>az://c/team-a</c>, not <c>az://c/team-*</c>).
    /// </summary>
    public void CheckList(string uriOrGlob)
    {
        var location = BlobLocation.Parse(uriOrGlob);
        if (!GlobPattern.HasWildcard(location.Path))
        {
            Check(uriOrGlob, StorageAccess.Read, "list");
            return;
        }

        Segments(uriOrGlob, location.Path, "list", StorageAccess.Read);
        var literal = GlobPattern.Parse(location.Path).LiteralPrefix;
        var folder = literal[..(literal.LastIndexOf('/') + 1)];
        Check(uriOrGlob, location, Segments(uriOrGlob, folder, "list", StorageAccess.Read), StorageAccess.Read, "list");
    }

    /// <summary>Refuses a listing that returned an object outside the prefixes for reading, or with an unsafe name, naming it.</summary>
    public void CheckListed(string uri, IEnumerable<StoredObject> objects)
    {
        foreach (var found in objects)
        {
            var location = BlobLocation.Parse(found.Uri);
            if (!IsSafe(location.Path))
            {
                throw Denied(uri, "list", $"it holds '{found.Uri}': {AccessDenial.UnsafeBlobName}", StorageAccess.Read);
            }

            if (!Contains(StorageAccess.Read, location, Split(location.Path)))
            {
                throw Denied(uri, "list", $"'{found.Uri}' lies outside the allowed prefixes", StorageAccess.Read);
            }
        }
    }

    private void Check(string uri, BlobLocation location, string[] segments, StorageAccess access, string operation)
    {
        if (!Contains(access, location, segments))
        {
            throw Denied(uri, operation, AccessDenial.Outside, access);
        }
    }

    private bool Contains(StorageAccess access, BlobLocation location, string[] segments) =>
        Prefixes(access).Any(p => p.Contains(location, segments));

    private string[] Segments(string uri, string path, string operation, StorageAccess access)
    {
        if (!IsSafe(path))
        {
            throw Denied(uri, operation, AccessDenial.UnsafeBlobName, access);
        }

        return Split(path);
    }

    private StorageException Denied(string uri, string operation, string why, StorageAccess access) =>
        AccessDenial.Create(uri, operation, why, access, Prefixes(access).Select(p => p.Uri).Distinct());

    private Prefix[] Prefixes(StorageAccess access) => access == StorageAccess.Write ? _write : _read;

    /// <summary>No backslash, and no empty, '.' or '..' segment (a name may end in one '/', as folders and folder markers do).</summary>
    private static bool IsSafe(string path) =>
        !path.Contains('\\') && Split(path).All(static s => s is not ("" or "." or ".."));

    /// <summary>The segments of a blob name or folder, without the empty one after a trailing '/'.</summary>
    private static string[] Split(string path)
    {
        if (path.EndsWith('/'))
        {
            path = path[..^1];
        }

        return path.Length == 0 ? [] : path.Split('/');
    }

    private static Prefix Create(string uri)
    {
        BlobLocation location;
        try
        {
            location = BlobLocation.Parse(uri);
        }
        catch (StorageException e)
        {
            throw new StorageException(StorageErrorKind.Configuration, uri, $"'{uri}' is not a valid storage prefix: {e.Message}", e);
        }

        if (GlobPattern.HasWildcard(location.Path))
        {
            throw new StorageException(StorageErrorKind.Configuration, uri, $"'{uri}' is not a valid storage prefix: prefixes may not contain wildcards");
        }

        if (!IsSafe(location.Path))
        {
            throw new StorageException(StorageErrorKind.Configuration, uri, $"'{uri}' is not a valid storage prefix: {AccessDenial.UnsafeBlobName}");
        }

        return new Prefix(uri, location.ServiceUri, location.Container, Split(location.Path));
    }

    private sealed record Prefix(string Uri, string? Service, string Container, string[] Segments)
    {
        public bool Contains(BlobLocation location, string[] segments) =>
            string.Equals(Service, location.ServiceUri, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Container, location.Container, StringComparison.Ordinal)
            && segments.Length >= Segments.Length
            && Segments.AsSpan().SequenceEqual(segments.AsSpan(0, Segments.Length));
    }
}
