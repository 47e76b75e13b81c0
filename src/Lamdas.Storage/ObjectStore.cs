namespace Lamdas.Storage;

/// <summary>
/// The store to use: routes <c>az://</c>, <c>https://</c> and <c>http://</c> URIs to <see cref="AzureBlobStore"/> and
/// local paths and <c>file://</c> URIs to <see cref="LocalFileStore"/>; any other scheme is an error.
/// </summary>
public sealed class ObjectStore : IObjectStore
{
    private readonly LocalFileStore _local = new();
    private readonly AzureBlobStore _blob;

    public ObjectStore(StorageOptions? options = null)
    {
        _blob = new AzureBlobStore(options ?? new StorageOptions());
    }

    public Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default) =>
        Route(uriOrGlob).ListAsync(uriOrGlob, ct);

    public Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default) => Route(uri).GetAsync(uri, ct);

    public Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default) => Route(uri).OpenReadAsync(uri, ct);

    public Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default) =>
        Route(uri).OpenReadAsync(uri, offset, length, ct);

    public Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default) =>
        Route(uri).WriteAsync(uri, write, ct);

    public Task DeleteAsync(string uri, CancellationToken ct = default) => Route(uri).DeleteAsync(uri, ct);

    public Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default) =>
        Route(uriPrefix).ListPrefixAsync(uriPrefix, ct);

    private IObjectStore Route(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        if (StorageUri.IsBlob(uri))
        {
            return _blob;
        }

        var scheme = StorageUri.Scheme(uri);
        if (scheme is not null && !scheme.Equals("file", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"'{uri}': unsupported scheme '{scheme}' (use a local path, file://, az://container/path or an https blob URL)");
        }

        return _local;
    }
}
