using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Lamdas.Storage;

/// <summary>
/// Azure Blob Storage. <c>az://container/path</c> URIs use the account of the configured connection string;
/// <c>https://account.blob.core.windows.net/container/path</c> and path-style emulator URLs use that connection
/// string's credentials when they are on its endpoint, and anonymous access otherwise. Listed URIs keep the form
/// they were asked in. Writes stage blocks and commit the block list, so a failed writer leaves nothing behind.
/// </summary>
public sealed class AzureBlobStore : IObjectStore
{
    private readonly BlobServiceResolver _services;
    private readonly int _blockBytes;

    public AzureBlobStore(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = new BlobServiceResolver(options);
        _blockBytes = options.BlobBlockBytes;
    }

    public async Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default)
    {
        var location = BlobLocation.Parse(uriOrGlob);
        if (!GlobPattern.HasWildcard(location.Path))
        {
            var single = await GetAsync(uriOrGlob, ct).ConfigureAwait(false);
            return single is null ? [] : [single];
        }

        var glob = GlobPattern.Parse(location.Path);
        return await ListAsync(uriOrGlob, location, glob.LiteralPrefix, glob.IsMatch, ct).ConfigureAwait(false);
    }

    public async Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default)
    {
        var location = BlobLocation.Parse(uri);
        if (location.Path.Length == 0)
        {
            return null;
        }

        try
        {
            var properties = await Blob(location, uri).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
            return new StoredObject(location.ObjectUri(location.Path), properties.Value.ContentLength);
        }
        catch (RequestFailedException e) when (BlobErrors.IsBlobNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "read the properties of");
        }
    }

    public async Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default)
    {
        var location = BlobLocation.Parse(uri);
        try
        {
            var download = await Blob(location, uri).DownloadStreamingAsync(new BlobDownloadOptions(), ct).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "read");
        }
    }

    public async Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var location = BlobLocation.Parse(uri);
        if (length == 0)
        {
            _ = await GetAsync(uri, ct).ConfigureAwait(false)
                ?? throw new StorageException(StorageErrorKind.NotFound, uri, $"cannot read '{uri}': it does not exist");
            return new MemoryStream([], writable: false);
        }

        var range = length >= long.MaxValue - offset ? new HttpRange(offset) : new HttpRange(offset, length);
        try
        {
            var download = await Blob(location, uri).DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, ct).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            return new MemoryStream([], writable: false); // the range starts at or past the end
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "read");
        }
    }

    public async Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var location = BlobLocation.Parse(uri);
        if (location.Path.Length == 0 || location.Path.EndsWith('/'))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot write '{uri}': it names a container or folder, not a blob");
        }

        var client = _services.Resolve(location, uri).GetBlobContainerClient(location.Container).GetBlockBlobClient(location.Path);
        await using var stream = new BlockBlobWriteStream(client, _blockBytes);
        try
        {
            await write(stream, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw BlobErrors.Map(e, uri, location, "write"); // staging a block failed
        }

        ct.ThrowIfCancellationRequested();
        try
        {
            await stream.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "write");
        }
    }

    /// <summary>
    /// One upload conditioned on <c>If-None-Match: *</c>: the service refuses it (409 BlobAlreadyExists or
    /// 412 ConditionNotMet, answered here with false) when a blob of that name exists, so one caller wins.
    /// </summary>
    public async Task<bool> TryCreateAsync(string uri, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var location = BlobLocation.Parse(uri);
        if (location.Path.Length == 0 || location.Path.EndsWith('/'))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot create '{uri}': it names a container or folder, not a blob");
        }

        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await Blob(location, uri).UploadAsync(BinaryData.FromBytes(content), options, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 && e.ErrorCode is "BlobAlreadyExists" or "ConditionNotMet")
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "create");
        }
    }

    public async Task DeleteAsync(string uri, CancellationToken ct = default)
    {
        var location = BlobLocation.Parse(uri);
        if (location.Path.Length == 0)
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot delete '{uri}': it names a container, not a blob");
        }

        try
        {
            await Blob(location, uri).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // absent (container included): nothing to delete
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "delete");
        }
    }

    public Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default)
    {
        var location = BlobLocation.Parse(uriPrefix);
        var prefix = location.Path.Length == 0 ? "" : location.Path.TrimEnd('/') + "/";
        return ListAsync(uriPrefix, location, prefix, static _ => true, ct);
    }

    private async Task<IReadOnlyList<StoredObject>> ListAsync(string uri, BlobLocation location, string prefix, Func<string, bool> match, CancellationToken ct)
    {
        var container = _services.Resolve(location, uri).GetBlobContainerClient(location.Container);
        var found = new List<StoredObject>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct).ConfigureAwait(false))
            {
                if (match(item.Name))
                {
                    found.Add(new StoredObject(location.ObjectUri(item.Name), item.Properties.ContentLength ?? 0));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw BlobErrors.Map(e, uri, location, "list");
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Uri, b.Uri));
        return found;
    }

    private BlobClient Blob(BlobLocation location, string uri)
    {
        if (location.Path.Length == 0 || GlobPattern.HasWildcard(location.Path))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"'{uri}' does not name a single blob");
        }

        return _services.Resolve(location, uri).GetBlobContainerClient(location.Container).GetBlobClient(location.Path);
    }
}
