using System.Text.Json.Nodes;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// A shard that failed every attempt is quarantined whole: <c>quarantine/part-NNNNN.failed.json</c> names the
/// shard (file, byte range or row group) and the last error, and the manifest lists the shard with that file.
/// </summary>
internal static class FailedShardFiles
{
    public static async Task<ShardResult> WriteAsync(IObjectStore store, JobSpec spec, int index, ShardSpec shard, string reason, CancellationToken ct)
    {
        var relative = $"quarantine/part-{index:D5}.failed.json";
        var json = new JsonObject
        {
            ["shard"] = index,
            ["source"] = shard.Uri,
            ["start"] = shard.Start,
            ["end"] = shard.End,
            ["row_group"] = shard.RowGroup,
            ["reason"] = reason,
        }.ToJsonString() + "\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        await store.WriteAsync(StorageUri.Combine(spec.Output, relative), (s, t) => s.WriteAsync(bytes, t).AsTask(), ct);
        return ShardResult.For(index, shard) with
        {
            Files = [new OutputFile(relative, bytes.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)))],
        };
    }
}
