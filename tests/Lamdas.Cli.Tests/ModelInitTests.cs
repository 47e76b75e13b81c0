using System.Text.Json.Nodes;

namespace Lamdas.Cli.Tests;

/// <summary><c>lamdas model init --config PATH.json --tokenizer DIR --output DIR [--seed N]</c>.</summary>
[Integration]
public sealed class ModelInitTests
{
    [Fact]
    public void InitFromConfigFileWritesAHuggingFaceCheckpointWithTheTokenizer()
    {
        using var temp = new TempDirectory();
        var config = TinyConfig.Write(temp.FilePath("config-in.json"));
        var output = temp.FilePath("model");

        var result = CliRunner.Run("model", "init", "--config", config, "--tokenizer", TestPaths.Gpt2Tokenizer,
            "--output", output, "--seed", "3").AssertSuccess();

        foreach (var file in new[] { "config.json", "model.safetensors", "vocab.json", "merges.txt" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing in {output}\n{result.Describe()}");
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.Gpt2Tokenizer, "vocab.json")), File.ReadAllBytes(Path.Combine(output, "vocab.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.Gpt2Tokenizer, "merges.txt")), File.ReadAllBytes(Path.Combine(output, "merges.txt")));

        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!.AsObject();
        Assert.Equal("qwen2", written["model_type"]!.GetValue<string>());
        Assert.Equal("Qwen2ForCausalLM", written["architectures"]![0]!.GetValue<string>());
        Assert.Equal(TinyConfig.Hidden, written["hidden_size"]!.GetValue<int>());
        Assert.Equal(TinyConfig.Layers, written["num_hidden_layers"]!.GetValue<int>());
        Assert.Equal(TinyConfig.Heads, written["num_attention_heads"]!.GetValue<int>());
        Assert.Equal(TinyConfig.KvHeads, written["num_key_value_heads"]!.GetValue<int>());
        Assert.Equal(TinyConfig.Intermediate, written["intermediate_size"]!.GetValue<int>());
        Assert.Equal(TinyConfig.Vocab, written["vocab_size"]!.GetValue<int>());
        Assert.True(written["tie_word_embeddings"]!.GetValue<bool>());

        // The tensors a Hugging Face Qwen2ForCausalLM with this config has (tied: no lm_head.weight).
        var expected = new Dictionary<string, long[]>
        {
            ["model.embed_tokens.weight"] = [TinyConfig.Vocab, TinyConfig.Hidden],
            ["model.norm.weight"] = [TinyConfig.Hidden],
        };
        const int kvWidth = TinyConfig.KvHeads * TinyConfig.HeadDim;
        for (var layer = 0; layer < TinyConfig.Layers; layer++)
        {
            var p = $"model.layers.{layer}.";
            expected[p + "input_layernorm.weight"] = [TinyConfig.Hidden];
            expected[p + "post_attention_layernorm.weight"] = [TinyConfig.Hidden];
            expected[p + "self_attn.q_proj.weight"] = [TinyConfig.Hidden, TinyConfig.Hidden];
            expected[p + "self_attn.q_proj.bias"] = [TinyConfig.Hidden];
            expected[p + "self_attn.k_proj.weight"] = [kvWidth, TinyConfig.Hidden];
            expected[p + "self_attn.k_proj.bias"] = [kvWidth];
            expected[p + "self_attn.v_proj.weight"] = [kvWidth, TinyConfig.Hidden];
            expected[p + "self_attn.v_proj.bias"] = [kvWidth];
            expected[p + "self_attn.o_proj.weight"] = [TinyConfig.Hidden, TinyConfig.Hidden];
            expected[p + "mlp.gate_proj.weight"] = [TinyConfig.Intermediate, TinyConfig.Hidden];
            expected[p + "mlp.up_proj.weight"] = [TinyConfig.Intermediate, TinyConfig.Hidden];
            expected[p + "mlp.down_proj.weight"] = [TinyConfig.Hidden, TinyConfig.Intermediate];
        }

        var tensors = SafeTensorsFile.ReadHeader(Path.Combine(output, "model.safetensors"));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, shape) in expected)
        {
            var info = tensors[name];
            Assert.True(shape.SequenceEqual(info.Shape), $"{name}: shape [{string.Join(", ", info.Shape)}], expected [{string.Join(", ", shape)}]");
            Assert.Equal("F32", info.DType);
            Assert.Equal(shape.Aggregate(4L, (a, b) => a * b), info.End - info.Begin);
        }
    }

    [Fact]
    public void InitIsReproducibleForASeedAndDiffersAcrossSeeds()
    {
        using var temp = new TempDirectory();
        var config = TinyConfig.Write(temp.FilePath("config-in.json"));
        string Init(string name, string seed)
        {
            var output = temp.FilePath(name);
            CliRunner.Run("model", "init", "--config", config, "--tokenizer", TestPaths.Gpt2Tokenizer, "--output", output,
                "--seed", seed).AssertSuccess();
            return Path.Combine(output, "model.safetensors");
        }

        var first = File.ReadAllBytes(Init("a", "11"));
        var again = File.ReadAllBytes(Init("b", "11"));
        var other = File.ReadAllBytes(Init("c", "12"));

        Assert.True(first.AsSpan().SequenceEqual(again), "model init with the same --seed wrote different weights");
        Assert.False(first.AsSpan().SequenceEqual(other), "model init with different seeds wrote identical weights");
    }
}
