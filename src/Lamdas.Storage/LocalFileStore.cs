namespace Lamdas.Storage;

/// <summary>
/// Local files. Canonical URIs are absolute paths. Writes go to a hidden temp file in the target folder
/// (<c>.name.lamdas-tmp-…</c>, never listed) that is renamed over the target once the writer succeeds.
/// </summary>
/// <remarks>
/// A confined instance (the local half of <see cref="ObjectStore.Confine"/>) checks every path against its grant's local
/// prefixes twice: as written, and after resolving symbolic links. Reads check what was actually opened (on Linux the
/// kernel's path of the open handle, so a link swapped in after the first check cannot help); listings refuse any
/// symbolic link that leads outside; writes resolve the target folder, create the temp file there, check the temp file's
/// real path the same way and rename it into place in that real folder (a link at the target name is replaced, never
/// followed); deletes resolve the parent folder and unlink the name in it.
/// </remarks>
public sealed class LocalFileStore : IObjectStore
{
    private const string TempMarker = ".lamdas-tmp-";

    private static readonly EnumerationOptions Flat = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    private static readonly EnumerationOptions Recursive = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = true };

    private readonly LocalConfinement? _confinement;

    /// <summary>An unconfined store: any path the process can reach, symbolic links followed.</summary>
    public LocalFileStore()
    {
    }

    internal LocalFileStore(LocalConfinement confinement)
    {
        _confinement = confinement;
    }

    /// <summary>Test seam: called with the path about to be opened (read) or created (temp file), after the checks that precede it.</summary>
    internal Action<string>? BeforeOpen { get; set; }

    public Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default)
    {
        var path = LocalPath.Resolve(uriOrGlob);
        if (!GlobPattern.HasWildcard(path))
        {
            var single = Describe(uriOrGlob, path, "list");
            return Task.FromResult<IReadOnlyList<StoredObject>>(single is null ? [] : [single]);
        }

        var glob = GlobPattern.Parse(path);
        var root = glob.LiteralPrefix[..(glob.LiteralPrefix.LastIndexOf('/') + 1)];
        var rest = path[root.Length..];
        var recursive = rest.Contains('/') || rest.Contains("**", StringComparison.Ordinal);
        if (_confinement is null)
        {
            return Task.FromResult(Enumerate(root, recursive ? Recursive : Flat, glob.IsMatch, ct));
        }

        _confinement.CheckPath(uriOrGlob, root, StorageAccess.Read, "list");
        return Task.FromResult(EnumerateConfined(_confinement, uriOrGlob, root, recursive, glob.IsMatch, ct));
    }

    public Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default) =>
        Task.FromResult(Describe(uri, LocalPath.Resolve(uri), "read"));

    public Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default) =>
        Task.FromResult<Stream>(OpenRead(uri, LocalPath.Resolve(uri)));

    public Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var stream = OpenRead(uri, LocalPath.Resolve(uri));
        if (offset > 0)
        {
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        }

        return Task.FromResult<Stream>(new SubStream(stream, length));
    }

    public async Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = CreateTemp(uri, LocalPath.Resolve(uri), "write");
        try
        {
            await using (temp.Stream)
            {
                await write(temp.Stream, ct).ConfigureAwait(false); // the writer's own exceptions pass through unchanged
                ct.ThrowIfCancellationRequested();
                StoreIo(uri, () =>
                {
                    temp.Stream.Flush(flushToDisk: true);
                    return 0;
                });
            }

            StoreIo(uri, () =>
            {
                File.Move(temp.Path, temp.Target, overwrite: true);
                return 0;
            });
        }
        catch
        {
            TryDelete(temp.Path);
            throw;
        }
    }

    /// <summary>
    /// Writes the bytes to a temp file, then gives it the target name with a hard link, which the file system refuses
    /// when the name exists (on Linux <c>link(2)</c>; <see cref="File.Move(string, string, bool)"/> without overwrite is
    /// not used: on Unix it checks and then renames, which two writers can both pass).
    /// </summary>
    public async Task<bool> TryCreateAsync(string uri, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var temp = CreateTemp(uri, LocalPath.Resolve(uri), "create");
        try
        {
            await using (temp.Stream)
            {
                await temp.Stream.WriteAsync(content, ct).ConfigureAwait(false);
                StoreIo(uri, () =>
                {
                    temp.Stream.Flush(flushToDisk: true);
                    return 0;
                });
            }

            ct.ThrowIfCancellationRequested();
            return StoreIo(uri, () => NativeFile.TryLinkNoReplace(temp.Path, temp.Target));
        }
        finally
        {
            TryDelete(temp.Path);
        }
    }

    public Task DeleteAsync(string uri, CancellationToken ct = default)
    {
        var path = LocalPath.Resolve(uri);
        _confinement?.CheckPath(uri, path, StorageAccess.Write, "delete");
        if (Directory.Exists(path))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot delete '{uri}': it is a directory");
        }

        if (_confinement is not null)
        {
            // Unlink the name in the parent's real folder: a link at the name itself is removed, not followed.
            var parent = _confinement.ResolveInside(uri, Path.GetDirectoryName(path)!, StorageAccess.Write, "delete");
            if (!Directory.Exists(parent))
            {
                return Task.CompletedTask;
            }

            path = Join(parent, Path.GetFileName(path));
        }

        File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default)
    {
        var root = LocalPath.Resolve(uriPrefix).TrimEnd('/') + "/";
        if (_confinement is null)
        {
            return Task.FromResult(Enumerate(root, Recursive, static _ => true, ct));
        }

        _confinement.CheckPath(uriPrefix, root, StorageAccess.Read, "list");
        return Task.FromResult(EnumerateConfined(_confinement, uriPrefix, root, recursive: true, static _ => true, ct));
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

    /// <summary>
    /// Lists like <see cref="Enumerate"/>, walking folders itself so that every symbolic link met is resolved: one that
    /// leads outside the prefixes refuses the whole listing (naming it) rather than being skipped; one that stays inside
    /// is listed under its own name (a folder link is walked, unless it leads back to a folder it lies in).
    /// </summary>
    private static IReadOnlyList<StoredObject> EnumerateConfined(LocalConfinement confinement, string uri, string root, bool recursive,
        Func<string, bool> match, CancellationToken ct)
    {
        var found = new List<StoredObject>();
        var rootPath = PathPrefix.Normalize(root);
        var rootReal = confinement.ResolveInside(uri, rootPath, StorageAccess.Read, "list");
        if (!Directory.Exists(rootReal))
        {
            return found;
        }

        var pending = new Queue<Folder>();
        pending.Enqueue(new Folder(rootPath, rootReal, null));
        while (pending.TryDequeue(out var folder))
        {
            foreach (var entry in new DirectoryInfo(folder.Real).EnumerateFileSystemInfos("*", Flat))
            {
                ct.ThrowIfCancellationRequested();
                var path = Join(folder.Path, entry.Name);
                var real = Join(folder.Real, entry.Name);
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    real = confinement.ResolveInside(uri, real, StorageAccess.Read, "list",
                        $"'{path}' is a symbolic link that leads outside the allowed prefixes");
                    if (Directory.Exists(real))
                    {
                        if (recursive && !folder.Within(real))
                        {
                            pending.Enqueue(new Folder(path, real, folder));
                        }
                    }
                    else if (File.Exists(real) && !IsTemp(entry.Name) && match(path))
                    {
                        found.Add(new StoredObject(path, new FileInfo(real).Length));
                    }

                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (recursive)
                    {
                        pending.Enqueue(new Folder(path, real, folder));
                    }
                }
                else if (entry is FileInfo file && !IsTemp(entry.Name) && match(path))
                {
                    found.Add(new StoredObject(path, file.Length));
                }
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Uri, b.Uri));
        return found;
    }

    private StoredObject? Describe(string uri, string path, string operation)
    {
        if (_confinement is null)
        {
            var info = new FileInfo(path);
            return info.Exists ? new StoredObject(path, info.Length) : null;
        }

        _confinement.CheckPath(uri, path, StorageAccess.Read, operation);
        var real = new FileInfo(_confinement.ResolveInside(uri, path, StorageAccess.Read, operation));
        return real.Exists ? new StoredObject(path, real.Length) : null;
    }

    private FileStream OpenRead(string uri, string path)
    {
        if (_confinement is null)
        {
            return Open(uri, path);
        }

        // Checked before opening, so that nothing outside is opened at all when no one races the check...
        _confinement.CheckPath(uri, path, StorageAccess.Read, "read");
        _confinement.ResolveInside(uri, path, StorageAccess.Read, "read");
        BeforeOpen?.Invoke(path);
        var stream = Open(uri, path);

        // ...and what was opened is checked again, so that a link swapped in after the first check cannot help.
        string real;
        try
        {
            real = RealPath.OfHandle(stream.SafeFileHandle, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        if (!_confinement.IsInside(real, StorageAccess.Read))
        {
            stream.Dispose();
            throw _confinement.Denied(uri, "read", AccessDenial.LinkOutside, StorageAccess.Read);
        }

        return stream;
    }

    /// <summary>
    /// Creates the hidden temp file for a write. Confined: the target folder is resolved (from its nearest existing
    /// ancestor) and checked before anything is created, missing folders are created at their real path, and the temp
    /// file's real path is checked once it exists; the target is then the same name in that real folder.
    /// </summary>
    private TempFile CreateTemp(string uri, string path, string operation)
    {
        _confinement?.CheckPath(uri, path, StorageAccess.Write, operation);
        if (Directory.Exists(path))
        {
            throw new StorageException(StorageErrorKind.InvalidUri, uri, $"cannot {operation} '{uri}': it is a directory");
        }

        var name = Path.GetFileName(path);
        var directory = Path.GetDirectoryName(path)!;
        if (_confinement is not null)
        {
            directory = _confinement.ResolveInside(uri, directory, StorageAccess.Write, operation);
        }

        var temp = Path.Combine(directory, "." + name + TempMarker + Guid.NewGuid().ToString("N"));
        BeforeOpen?.Invoke(temp);
        var stream = StoreIo(uri, () =>
        {
            Directory.CreateDirectory(directory);
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        });
        if (_confinement is null)
        {
            return new TempFile(stream, temp, Path.Combine(directory, name));
        }

        string real;
        try
        {
            real = RealPath.OfHandle(stream.SafeFileHandle, temp);
        }
        catch
        {
            stream.Dispose();
            TryDelete(temp);
            throw;
        }

        if (!_confinement.IsInside(real, StorageAccess.Write))
        {
            stream.Dispose();
            TryDelete(real); // the file this call created (its name is unique), wherever the link led
            throw _confinement.Denied(uri, operation, AccessDenial.LinkOutside, StorageAccess.Write);
        }

        return new TempFile(stream, real, Join(Path.GetDirectoryName(real)!, name));
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

    private static string Join(string folder, string name) =>
        folder.EndsWith('/') ? folder + name : folder + "/" + name;

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

    /// <summary>A folder being listed: its path as listed, its real path, and the folder it was found in.</summary>
    private sealed record Folder(string Path, string Real, Folder? Parent)
    {
        /// <summary>True when <paramref name="real"/> is this folder or one it lies in (a link back up: walking it would loop).</summary>
        public bool Within(string real)
        {
            for (var folder = this; folder is not null; folder = folder.Parent)
            {
                if (folder.Real == real)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>An open temp file, its path (real, when confined) and the name it is to get.</summary>
    private sealed record TempFile(FileStream Stream, string Path, string Target);
}
