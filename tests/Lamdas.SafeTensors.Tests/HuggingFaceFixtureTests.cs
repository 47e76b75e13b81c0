using System.Text.Json;

namespace Lamdas.SafeTensors.Tests;

public sealed class HuggingFaceFixtureTests
{
    [Fact]
    public void ShardedLlamaCheckpointMatchesItsIndexAndConfig()
    {
        string dir = HuggingFaceFixtures.Directory("llama-tiny");
        using JsonDocument index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "model.safetensors.index.json")));
        var weightMap = index.RootElement.GetProperty("weight_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir);

        Assert.Equal(3, checkpoint.Files.Count);
        Assert.Equal(weightMap.Keys.Order(StringComparer.Ordinal), checkpoint.TensorNames.Order(StringComparer.Ordinal));
        foreach (var (name, shard) in weightMap)
        {
            Assert.Equal(Path.Combine(dir, shard), checkpoint.GetInfo(name).FilePath);
        }

        // config.json: vocab 50257, hidden 24, 6 heads / 2 kv heads of head_dim 8, intermediate 56, float16.
        TensorInfo embed = checkpoint.GetInfo("model.embed_tokens.weight");
        Assert.Equal(SafeTensorDType.F16, embed.DType);
        Assert.Equal([50257L, 24L], embed.Shape);
        Assert.Equal([48L, 24L], checkpoint.GetInfo("model.layers.0.self_attn.q_proj.weight").Shape);
        Assert.Equal([16L, 24L], checkpoint.GetInfo("model.layers.2.self_attn.k_proj.weight").Shape);
        Assert.Equal([24L, 56L], checkpoint.GetInfo("model.layers.1.mlp.down_proj.weight").Shape);
        Assert.Equal([50257L, 24L], checkpoint.GetInfo("lm_head.weight").Shape);
    }

    [Fact]
    public void ShardedLlamaCheckpointEveryTensorDecodesLikeSystemHalf()
    {
        string dir = HuggingFaceFixtures.Directory("llama-tiny");
        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir);

        foreach (string name in checkpoint.TensorNames)
        {
            TensorInfo info = checkpoint.GetInfo(name);
            var values = new float[info.ElementCount];
            checkpoint.ReadAsFloat32(name, info.Shape, values);

            Assert.Equal(HuggingFaceFixtures.DecodeIndependently(info.FilePath, name), values);
        }
    }

    [Fact]
    public void SingleFileQwen2CheckpointDecodesBFloat16()
    {
        string dir = HuggingFaceFixtures.Directory("qwen2-tiny");
        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir);

        Assert.Single(checkpoint.Files);
        Assert.Equal("pt", checkpoint.Files[0].Metadata["format"]);
        TensorInfo embed = checkpoint.GetInfo("model.embed_tokens.weight");
        Assert.Equal(SafeTensorDType.BF16, embed.DType);
        Assert.Equal([151936L, 16L], embed.Shape);
        foreach (string name in checkpoint.TensorNames)
        {
            TensorInfo info = checkpoint.GetInfo(name);
            var values = new float[info.ElementCount];
            checkpoint.ReadAsFloat32(name, values);

            Assert.Equal(HuggingFaceFixtures.DecodeIndependently(info.FilePath, name), values);
        }
    }

    [Fact]
    public void PrefixFileIsFloat32WithTheDocumentedLayout()
    {
        string path = Path.Combine(HuggingFaceFixtures.Directory("llama-tiny"), "prefix-p5", "prefix.safetensors");
        using SafeTensorFile file = SafeTensorFile.Open(path);

        // prefix.json: 3 layers, 2 kv heads, length 5, head_dim 8.
        foreach (string name in new[] { "prefix.keys", "prefix.values" })
        {
            TensorInfo info = file.Tensors[name];
            Assert.Equal(SafeTensorDType.F32, info.DType);
            Assert.Equal([3L, 2L, 5L, 8L], info.Shape);
            var values = new float[240];
            file.ReadAsFloat32(name, values);
            Assert.Equal(HuggingFaceFixtures.DecodeIndependently(path, name), values);
        }
    }

    [Fact]
    public void RewritingAFixtureTensorReproducesTheOriginalBytes()
    {
        string dir = HuggingFaceFixtures.Directory("llama-tiny");
        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir);
        const string name = "model.layers.0.self_attn.q_proj.weight";
        TensorInfo info = checkpoint.GetInfo(name);
        var values = new float[info.ElementCount];
        checkpoint.ReadAsFloat32(name, values);
        using var output = new TempDirectory();
        string path = output.FilePath("copy.safetensors");

        SafeTensorWriter.Write(path, [new SafeTensorEntry(name, info.DType, info.Shape, values)]);

        using SafeTensorFile original = SafeTensorFile.Open(info.FilePath);
        using SafeTensorFile copy = SafeTensorFile.Open(path);
        Assert.Equal(original.GetRawBytes(name).ToArray(), copy.GetRawBytes(name).ToArray());
    }
}
