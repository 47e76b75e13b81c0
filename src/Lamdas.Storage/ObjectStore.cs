namespace Lamdas.Storage;

/// <summary>
/// The store to use: routes <c>az://</c>, <c>https://</c> and <c>http://</c> URIs to <see cref="AzureBlobStore"/> and
/// local paths and <c>file://</c> URIs to <see cref="LocalFileStore"/>; any other scheme is an error.
/// An <see cref="ObjectStore"/> reaches anything the process can; <see cref="Confine"/> gives one limited to a grant.
/// </summary>
public sealed class ObjectStore : IObjectStore
{
    private readonly LocalFileStore _local = new();
    private readonly AzureBlobStore _blob;

    public ObjectStore(StorageOptions? options = null)
    {
        _blob = new AzureBlobStore(options ?? new StorageOptions());
    }

    /// <summary>
    /// A store over the same accounts that may only read and list under <see cref="StorageGrant.Read"/> and
    /// <see cref="StorageGrant.Write"/>, and only write, create and delete under <see cref="StorageGrant.Write"/>;
    /// anything else fails with a <see cref="StorageException"/> of kind <see cref="StorageErrorKind.AccessDenied"/>
    /// naming the path. Use it for everything a job submitted by a team does.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Paths are compared on whole segments after '.' and '..' are applied. Local paths are also checked after
    /// resolving symbolic links: a file opened for reading is checked by what was actually opened (on Linux through
    /// <c>/proc/self/fd</c>, so replacing a path with a link after it was checked does not help); a listing that meets a
    /// symbolic link leading outside is refused, naming the link; a write resolves the target folder before creating
    /// anything, checks the temp file it created, and renames it into place in that real folder (a link at the target
    /// name is replaced, not followed); a delete unlinks the name in its parent's real folder. Links that stay inside
    /// the prefixes work as before. Blob names with empty, '.' or '..' segments or backslashes are refused.
    /// </para>
    /// <para>
    /// The grant's prefixes are validated and their local real paths resolved here, once: a malformed prefix fails with
    /// <see cref="StorageErrorKind.Configuration"/>. This store is not changed; the confined store shares its blob clients.
    /// </para>
    /// </remarks>
    public IObjectStore Confine(StorageGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(grant.Read);
        ArgumentNullException.ThrowIfNull(grant.Write);
        var (localRead, blobRead) = Split(grant.Read);
        var (localWrite, blobWrite) = Split(grant.Write);
        return new ConfinedObjectStore(
            new LocalFileStore(new LocalConfinement(localRead, localWrite)),
            _blob,
            new BlobConfinement(blobRead, blobWrite));
    }

    public Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default) =>
        Route(uriOrGlob).ListAsync(uriOrGlob, ct);

    public Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default) => Route(uri).GetAsync(uri, ct);

    public Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default) => Route(uri).OpenReadAsync(uri, ct);

    public Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default) =>
        Route(uri).OpenReadAsync(uri, offset, length, ct);

    public Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default) =>
        Route(uri).WriteAsync(uri, write, ct);

    public Task<bool> TryCreateAsync(string uri, ReadOnlyMemory<byte> content, CancellationToken ct = default) =>
        Route(uri).TryCreateAsync(uri, content, ct);

    public Task DeleteAsync(string uri, CancellationToken ct = default) => Route(uri).DeleteAsync(uri, ct);

    public Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default) =>
        Route(uriPrefix).ListPrefixAsync(uriPrefix, ct);

    private static (List<string> Local, List<string> Blob) Split(IReadOnlyList<string> prefixes)
    {
        var local = new List<string>();
        var blob = new List<string>();
        foreach (var prefix in prefixes)
        {
            if (string.IsNullOrWhiteSpace(prefix))
            {
                throw new StorageException(StorageErrorKind.Configuration, prefix, "a storage prefix is empty");
            }

            bool isBlob;
            try
            {
                isBlob = StoreRouting.IsBlob(prefix);
            }
            catch (StorageException e)
            {
                throw new StorageException(StorageErrorKind.Configuration, prefix, $"'{prefix}' is not a valid storage prefix: {e.Message}", e);
            }

            (isBlob ? blob : local).Add(prefix);
        }

        return (local, blob);
    }

    private IObjectStore Route(string uri) => StoreRouting.IsBlob(uri) ? _blob : _local;
}
