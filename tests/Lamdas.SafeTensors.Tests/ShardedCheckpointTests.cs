using System.Text.Json;

namespace Lamdas.SafeTensors.Tests;

public sealed class ShardedCheckpointTests
{
    [Fact]
    public void TwoShardsAndIndexAreWrittenAndReadBack()
    {
        using var dir = new TempDirectory();
        float[] embed = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        float[] q = Enumerable.Range(0, 8).Select(i => -(float)i).ToArray();
        float[] norm = [1, 1, 1, 1];

        // Byte sizes: embed 48 (F32), q 16 (BF16), norm 8 (F16). With a 64-byte limit,
        // embed + q fill the first shard exactly and norm starts the second.
        IReadOnlyList<string> written = SafeTensorWriter.WriteSharded(
            dir.Path,
            [
                new SafeTensorEntry("model.embed_tokens.weight", SafeTensorDType.F32, [3, 4], embed),
                new SafeTensorEntry("model.layers.0.self_attn.q_proj.weight", SafeTensorDType.BF16, [2, 4], q),
                new SafeTensorEntry("model.norm.weight", SafeTensorDType.F16, [4], norm),
            ],
            maxShardBytes: 64,
            new Dictionary<string, string> { ["format"] = "pt" });

        Assert.Equal(
            [dir.FilePath("model-00001-of-00002.safetensors"), dir.FilePath("model-00002-of-00002.safetensors"), dir.FilePath("model.safetensors.index.json")],
            written);

        using (JsonDocument index = JsonDocument.Parse(File.ReadAllBytes(dir.FilePath("model.safetensors.index.json"))))
        {
            Assert.Equal(72, index.RootElement.GetProperty("metadata").GetProperty("total_size").GetInt64());
            JsonElement map = index.RootElement.GetProperty("weight_map");
            Assert.Equal("model-00001-of-00002.safetensors", map.GetProperty("model.embed_tokens.weight").GetString());
            Assert.Equal("model-00001-of-00002.safetensors", map.GetProperty("model.layers.0.self_attn.q_proj.weight").GetString());
            Assert.Equal("model-00002-of-00002.safetensors", map.GetProperty("model.norm.weight").GetString());
        }

        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir.Path);
        Assert.Equal(2, checkpoint.Files.Count);
        Assert.Equal(3, checkpoint.TensorNames.Count);

        var readEmbed = new float[12];
        var readQ = new float[8];
        var readNorm = new float[4];
        checkpoint.ReadAsFloat32("model.embed_tokens.weight", [3, 4], readEmbed);
        checkpoint.ReadAsFloat32("model.layers.0.self_attn.q_proj.weight", [2, 4], readQ);
        checkpoint.ReadAsFloat32("model.norm.weight", readNorm);
        Assert.Equal(embed, readEmbed);
        Assert.Equal(q, readQ);
        Assert.Equal(norm, readNorm);
        Assert.Equal(dir.FilePath("model-00002-of-00002.safetensors"), checkpoint.GetInfo("model.norm.weight").FilePath);
        Assert.Equal("pt", checkpoint.Files[1].Metadata["format"]);
    }

    [Fact]
    public void TensorLargerThanTheLimitGetsItsOwnShard()
    {
        using var dir = new TempDirectory();

        IReadOnlyList<string> written = SafeTensorWriter.WriteSharded(
            dir.Path,
            [
                new SafeTensorEntry("small", SafeTensorDType.F32, [1], new float[] { 1 }),
                new SafeTensorEntry("big", SafeTensorDType.F32, [10], new float[10]),
                new SafeTensorEntry("tail", SafeTensorDType.F32, [1], new float[] { 2 }),
            ],
            maxShardBytes: 8);

        Assert.Equal(4, written.Count);
        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir.Path);
        Assert.Equal(dir.FilePath("model-00002-of-00003.safetensors"), checkpoint.GetInfo("big").FilePath);
        Assert.Equal(dir.FilePath("model-00003-of-00003.safetensors"), checkpoint.GetInfo("tail").FilePath);
    }

    [Fact]
    public void EverythingInOneShardIsWrittenAsModelSafetensorsAndStaleShardsAreRemoved()
    {
        using var dir = new TempDirectory();
        SafeTensorWriter.WriteSharded(
            dir.Path,
            [
                new SafeTensorEntry("a", SafeTensorDType.F32, [4], new float[4]),
                new SafeTensorEntry("b", SafeTensorDType.F32, [4], new float[4]),
            ],
            maxShardBytes: 16);
        File.WriteAllText(dir.FilePath("config.json"), "{}");

        IReadOnlyList<string> written = SafeTensorWriter.WriteSharded(
            dir.Path,
            [new SafeTensorEntry("a", SafeTensorDType.F32, [4], new float[] { 1, 2, 3, 4 })],
            maxShardBytes: 1 << 20);

        Assert.Equal([dir.FilePath("model.safetensors")], written);
        Assert.Equal(
            ["config.json", "model.safetensors"],
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
