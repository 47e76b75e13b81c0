using System.Security.Cryptography;
using System.Text;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Resolves model and prefix locations: local directories as-is, blob folders downloaded once into a local cache.</summary>
internal static class ModelLocator
{
    public static string Resolve(string location)
    {
        if (!StorageUri.IsBlob(location))
        {
            var local = location.StartsWith("file://", StringComparison.Ordinal) ? location["file://".Length..] : location;
            if (!Directory.Exists(local))
            {
                throw new JobFailedException($"model directory '{location}' does not exist");
            }

            return local;
        }

        return DownloadIfRemoteAsync(new ObjectStore(), location, CancellationToken.None).GetAwaiter().GetResult();
    }

    public static async Task<string> DownloadIfRemoteAsync(IObjectStore store, string location, CancellationToken ct)
    {
        if (!StorageUri.IsBlob(location))
        {
            return location.StartsWith("file://", StringComparison.Ordinal) ? location["file://".Length..] : location;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(location)))[..16];
        var cache = Path.Combine(Path.GetTempPath(), "lamdas-cache", key);
        var objects = await store.ListPrefixAsync(location, ct);
        if (objects.Count == 0)
        {
            throw new JobFailedException($"'{location}' holds no files");
        }

        var root = location.TrimEnd('/') + "/";
        foreach (var obj in objects)
        {
            var relative = obj.Uri.StartsWith(root, StringComparison.Ordinal) ? obj.Uri[root.Length..] : StorageUri.FileName(obj.Uri);
            var target = Path.Combine(cache, relative);
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
}
