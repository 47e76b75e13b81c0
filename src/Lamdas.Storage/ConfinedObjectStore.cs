namespace Lamdas.Storage;

/// <summary>
/// An <see cref="ObjectStore"/> limited to a <see cref="StorageGrant"/> (made by <see cref="ObjectStore.Confine"/>):
/// local paths go to a confined <see cref="LocalFileStore"/>, which checks them itself (symbolic links included);
/// blob URIs are checked here before they reach the <see cref="AzureBlobStore"/>, and listings are checked again
/// on what they return.
/// </summary>
internal sealed class ConfinedObjectStore(LocalFileStore local, AzureBlobStore blob, BlobConfinement blobs) : IObjectStore
{
    /// <summary>The confined local store (tests reach its <see cref="LocalFileStore.BeforeOpen"/> seam through it).</summary>
    internal LocalFileStore Local { get; } = local;

    public async Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default)
    {
        if (!StoreRouting.IsBlob(uriOrGlob))
        {
            return await Local.ListAsync(uriOrGlob, ct).ConfigureAwait(false);
        }

        blobs.CheckList(uriOrGlob);
        var found = await blob.ListAsync(uriOrGlob, ct).ConfigureAwait(false);
        blobs.CheckListed(uriOrGlob, found);
        return found;
    }

    public Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default) =>
        Route(uri, StorageAccess.Read, "read").GetAsync(uri, ct);

    public Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default) =>
        Route(uri, StorageAccess.Read, "read").OpenReadAsync(uri, ct);

    public Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default) =>
        Route(uri, StorageAccess.Read, "read").OpenReadAsync(uri, offset, length, ct);

    public Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default) =>
        Route(uri, StorageAccess.Write, "write").WriteAsync(uri, write, ct);

    public Task<bool> TryCreateAsync(string uri, ReadOnlyMemory<byte> content, CancellationToken ct = default) =>
        Route(uri, StorageAccess.Write, "create").TryCreateAsync(uri, content, ct);

    public Task DeleteAsync(string uri, CancellationToken ct = default) =>
        Route(uri, StorageAccess.Write, "delete").DeleteAsync(uri, ct);

    public async Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default)
    {
        if (!StoreRouting.IsBlob(uriPrefix))
        {
            return await Local.ListPrefixAsync(uriPrefix, ct).ConfigureAwait(false);
        }

        blobs.Check(uriPrefix, StorageAccess.Read, "list");
        var found = await blob.ListPrefixAsync(uriPrefix, ct).ConfigureAwait(false);
        blobs.CheckListed(uriPrefix, found);
        return found;
    }

    /// <summary>The store for <paramref name="uri"/>; a blob URI is checked first (local paths are checked by the local store).</summary>
    private IObjectStore Route(string uri, StorageAccess access, string operation)
    {
        if (!StoreRouting.IsBlob(uri))
        {
            return Local;
        }

        blobs.Check(uri, access, operation);
        return blob;
    }
}
