using System.Text.Json.Nodes;
using Lamdas.Engine.Model;

namespace Lamdas.Engine.Tests;

public sealed class ModelConfigTests
{
    private static JsonObject Qwen2Config() => new()
    {
        ["architectures"] = new JsonArray("Qwen2ForCausalLM"),
        ["model_type"] = "qwen2",
        ["vocab_size"] = 1000,
        ["hidden_size"] = 64,
        ["intermediate_size"] = 128,
        ["num_hidden_layers"] = 2,
        ["num_attention_heads"] = 8,
        ["num_key_value_heads"] = 2,
        ["rope_theta"] = 1000000.0,
        ["rms_norm_eps"] = 1e-6,
        ["tie_word_embeddings"] = true,
        ["bos_token_id"] = 5,
        ["eos_token_id"] = 6,
        ["max_position_embeddings"] = 4096,
        ["hidden_act"] = "silu",
    };

    private static EngineException Fails(JsonObject config) =>
        Assert.Throws<EngineException>(() => ModelConfig.Parse(config, "config.json"));

    [Fact]
    public void ReadsQwen2Fields()
    {
        var c = ModelConfig.Parse(Qwen2Config(), "config.json");
        Assert.Equal(ModelArchitecture.Qwen2, c.Architecture);
        Assert.Equal(8, c.HeadDim);
        Assert.Equal(4, c.GroupSize);
        Assert.Equal(1000000.0, c.RopeTheta);
        Assert.True(c.QkvBias);
        Assert.False(c.OutputBias);
        Assert.True(c.TieWordEmbeddings);
        Assert.Equal(5, c.StartTokenId);
    }

    [Fact]
    public void ReadsTransformersV5FixtureConfigs()
    {
        var qwen = ModelConfig.Load(Path.Combine(RepositoryPaths.Fixtures, "qwen2-tiny"));
        Assert.Equal(1000000.0, qwen.RopeTheta);
        Assert.Equal(4, qwen.HeadDim);
        var llama = ModelConfig.Load(Path.Combine(RepositoryPaths.Fixtures, "llama-tiny"));
        Assert.Equal(ModelArchitecture.Llama, llama.Architecture);
        Assert.Equal(8, llama.HeadDim);
        Assert.Equal(10000.0, llama.RopeTheta);
        Assert.False(llama.QkvBias);
        Assert.False(llama.TieWordEmbeddings);
        Assert.Equal(50256, llama.StartTokenId);
    }

    [Fact]
    public void LlamaAttentionBiasAppliesToAllProjections()
    {
        var config = Qwen2Config();
        config["architectures"] = new JsonArray("LlamaForCausalLM");
        config["model_type"] = "llama";
        config["attention_bias"] = true;
        var c = ModelConfig.Parse(config, "config.json");
        Assert.True(c.QkvBias);
        Assert.True(c.OutputBias);
    }

    [Fact]
    public void ExplicitHeadDimWins()
    {
        var config = Qwen2Config();
        config["head_dim"] = 16;
        Assert.Equal(16, ModelConfig.Parse(config, "config.json").HeadDim);
    }

    [Fact]
    public void StartTokenFallsBackToEos()
    {
        var config = Qwen2Config();
        config["bos_token_id"] = null;
        Assert.Equal(6, ModelConfig.Parse(config, "config.json").StartTokenId);
    }

    [Theory]
    [InlineData("model_type", "\"gpt_neox\"", "model_type")]
    [InlineData("hidden_act", "\"gelu\"", "hidden_act")]
    [InlineData("use_sliding_window", "true", "use_sliding_window")]
    [InlineData("rope_scaling", "{\"rope_type\":\"yarn\",\"factor\":4.0}", "rope_scaling")]
    [InlineData("rope_parameters", "{\"rope_type\":\"llama3\",\"rope_theta\":500000.0}", "rope_type")]
    [InlineData("layer_types", "[\"full_attention\",\"sliding_attention\"]", "layer_types")]
    [InlineData("num_key_value_heads", "3", "num_key_value_heads")]
    [InlineData("vocab_size", "\"many\"", "vocab_size")]
    public void UnsupportedOrInvalidFieldsAreNamed(string field, string json, string expectedInMessage)
    {
        var config = Qwen2Config();
        config[field] = JsonNode.Parse(json);
        var error = Fails(config);
        Assert.Contains(expectedInMessage, error.Message);
    }

    [Fact]
    public void UnknownArchitectureIsNamed()
    {
        var config = Qwen2Config();
        config["architectures"] = new JsonArray("MistralForCausalLM");
        Assert.Contains("MistralForCausalLM", Fails(config).Message);
    }

    [Fact]
    public void MissingRequiredFieldIsNamed()
    {
        var config = Qwen2Config();
        config.Remove("intermediate_size");
        Assert.Contains("intermediate_size", Fails(config).Message);
    }

    [Fact]
    public void MissingStartTokenIsRejected()
    {
        var config = Qwen2Config();
        config.Remove("bos_token_id");
        config.Remove("eos_token_id");
        Assert.Contains("bos_token_id", Fails(config).Message);
    }
}
