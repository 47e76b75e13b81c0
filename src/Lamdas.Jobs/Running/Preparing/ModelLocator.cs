using System.Security.Cryptography;
using System.Text;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Resolves model and prefix locations: local directories as-is, blob folders downloaded once into a local cache.</summary>
internal static class ModelLocator
{
    /// <summary>A local model directory as-is; a blob folder downloaded through <paramref name="store"/> (the job's, confined or not).</summary>
    public static string Resolve(IObjectStore store, string location)
    {
        if (!StorageUri.IsBlob(location))
        {
            var local = location.StartsWith("file://", StringComparison.Ordinal) ? location["file://".Length..] : location;
            if (!Directory.Exists(local))
            {
                throw new JobFailedException($"model directory '{location}' does not exist");
            }

            VetLocalAsync(store, local, CancellationToken.None).GetAwaiter().GetResult();
            return local;
        }

        return DownloadIfRemoteAsync(store, location, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Downloads every blob under a blob folder into a local cache folder (skipping files already there with the
    /// right length) and returns that folder; a local location is returned as-is. Blob names are checked before
    /// anything is written: a name whose part below the folder is rooted, has empty, '.' or '..' segments or
    /// backslashes, or would otherwise land outside the cache folder fails the job, naming the blob.
    /// </summary>
    public static async Task<string> DownloadIfRemoteAsync(IObjectStore store, string location, CancellationToken ct)
    {
        if (!StorageUri.IsBlob(location))
        {
            var local = location.StartsWith("file://", StringComparison.Ordinal) ? location["file://".Length..] : location;
            await VetLocalAsync(store, local, ct);
            return local;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(location)))[..16];
        var cache = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "lamdas-cache", key));
        var objects = await store.ListPrefixAsync(location, ct);
        if (objects.Count == 0)
        {
            throw new JobFailedException($"'{location}' holds no files");
        }

        var root = location.TrimEnd('/') + "/";
        var downloads = objects.Select(obj => (Object: obj, Target: CacheTarget(location, root, cache, obj.Uri))).ToList();
        foreach (var (obj, target) in downloads)
        {
            if (File.Exists(target) && new FileInfo(target).Length == obj.Length)
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var input = await store.OpenReadAsync(obj.Uri, ct);
            await using var output = File.Create(target + ".tmp");
            await input.CopyToAsync(output, ct);
            output.Close();
            File.Move(target + ".tmp", target, overwrite: true);
        }

        return cache;
    }

    /// <summary>
    /// The engine reads a local model or prefix folder itself, not through the store: listing it through the job's store
    /// first makes a confined store refuse a folder, or any file or link in it, whose real path leaves the team's
    /// prefixes (<see cref="StorageErrorKind.AccessDenied"/>).
    /// </summary>
    private static async Task VetLocalAsync(IObjectStore store, string local, CancellationToken ct) =>
        await store.ListPrefixAsync(local, ct);

    /// <summary>Where a blob under <paramref name="root"/> goes in the cache folder; refuses names that could leave it.</summary>
    private static string CacheTarget(string location, string root, string cache, string uri)
    {
        var relative = uri.StartsWith(root, StringComparison.Ordinal) ? uri[root.Length..] : StorageUri.FileName(uri);
        var isUrl = !location.StartsWith("az://", StringComparison.OrdinalIgnoreCase);
        var target = Path.GetFullPath(Path.Combine(cache, relative));
        if (!IsPlainRelative(relative) || (isUrl && !IsPlainRelative(Uri.UnescapeDataString(relative)))
            || !target.StartsWith(cache + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new JobFailedException(
                $"'{location}' holds '{uri}', whose name cannot be used as a path in the local cache (names below the folder may not start with '/' or contain empty, '.' or '..' segments or backslashes)");
        }

        return target;
    }

    private static bool IsPlainRelative(string relative) =>
        relative.Length > 0 && !Path.IsPathRooted(relative) && !relative.Contains('\\')
        && relative.Split('/').All(static s => s is not ("" or "." or ".."));
}
