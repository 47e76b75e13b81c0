namespace Lamdas.Storage;

/// <summary>
/// Local files. Canonical URIs are absolute paths. Writes go to a hidden temp file in the target folder
/// (<c>.name.lamdas-tmp-…</c>, never listed) that is renamed over the target once the writer succeeds.
/// </summary>
public sealed class LocalFileStore : IObjectStore
{
    private const string TempMarker = ".lamdas-tmp-";

    private static readonly EnumerationOptions Flat = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    private static readonly EnumerationOptions Recursive = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = true };

    public Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default)
    {
        var path = LocalPath.Resolve(uriOrGlob);
        if (!GlobPattern.HasWildcard(path))
        {
            var single = Describe(path);
            return Task.FromResult<IReadOnlyList<StoredObject>>(single is null ? [] : [single]);
        }

        var glob = GlobPattern.Parse(path);
        var root = glob.LiteralPrefix[..(glob.LiteralPrefix.LastIndexOf('/') + 1)];
        var rest = path[root.Length..];
        var options = rest.Contains('/') || rest.Contains("**", StringComparison.Ordinal) ? Recursive : Flat;
        return Task.FromResult(Enumerate(root, options, glob.IsMatch, ct));
    }

    public Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default) =>
        Task.FromResult(Describe(LocalPath.Resolve(uri)));

    public Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default) =>
        Task.FromResult<Stream>(Open(uri, LocalPath.Resolve(uri)));

    public Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var stream = Open(uri, LocalPath.Resolve(uri));
        if (offset > 0)
        {
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        }

        return Task.FromResult<Stream>(new SubStream(stream, length));
    }

    public async Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = LocalPath.Resolve(uri);
        if (Directory.Exists(path))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot write '{uri}': it is a directory");
        }

        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + TempMarker + Guid.NewGuid().ToString("N"));
        var stream = StoreIo(uri, () =>
        {
            Directory.CreateDirectory(directory);
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        });
        try
        {
            await using (stream)
            {
                await write(stream, ct).ConfigureAwait(false); // the writer's own exceptions pass through unchanged
                ct.ThrowIfCancellationRequested();
                StoreIo(uri, () =>
                {
                    stream.Flush(flushToDisk: true);
                    return 0;
                });
            }

            StoreIo(uri, () =>
            {
                File.Move(temp, path, overwrite: true);
                return 0;
            });
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task DeleteAsync(string uri, CancellationToken ct = default)
    {
        var path = LocalPath.Resolve(uri);
        if (Directory.Exists(path))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot delete '{uri}': it is a directory");
        }

        File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default)
    {
        var root = LocalPath.Resolve(uriPrefix).TrimEnd('/') + "/";
        return Task.FromResult(Enumerate(root, Recursive, static _ => true, ct));
    }

    private static IReadOnlyList<StoredObject> Enumerate(string root, EnumerationOptions options, Func<string, bool> match, CancellationToken ct)
    {
        var found = new List<StoredObject>();
        if (!Directory.Exists(root))
        {
            return found;
        }

        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", options))
        {
            ct.ThrowIfCancellationRequested();
            var path = file.FullName.Replace(Path.DirectorySeparatorChar, '/');
            if (IsTemp(file.Name) || !match(path))
            {
                continue;
            }

            found.Add(new StoredObject(path, file.Length));
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Uri, b.Uri));
        return found;
    }

    private static StoredObject? Describe(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new StoredObject(path, info.Length) : null;
    }

    private static FileStream Open(string uri, string path)
    {
        if (Directory.Exists(path))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot read '{uri}': it is a directory");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StorageException(StorageErrorKind.NotFound, uri, $"'{uri}' does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StorageException(StorageErrorKind.AuthenticationFailed, uri, $"cannot read '{uri}': permission denied", e);
        }
    }

    private static T StoreIo<T>(string uri, Func<T> io)
    {
        try
        {
            return io();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorKind.Other, uri, $"cannot write '{uri}': {e.Message}", e);
        }
    }

    private static bool IsTemp(string name) => name.StartsWith('.') && name.Contains(TempMarker, StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
