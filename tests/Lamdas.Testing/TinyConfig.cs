using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Testing;

/// <summary>
/// A small Qwen2 config (hidden 32, 2 layers, 4 heads, 2 kv heads, head dim 8, intermediate 64, GPT-2 vocabulary
/// rounded up to 50304, tied embeddings) written by the tests for <c>model init --config PATH.json</c>.
/// </summary>
public static class TinyConfig
{
    public const int Hidden = 32;
    public const int Layers = 2;
    public const int Heads = 4;
    public const int KvHeads = 2;
    public const int HeadDim = Hidden / Heads;
    public const int Intermediate = 64;
    public const int Vocab = 50304;

    public static JsonObject Create() => new()
    {
        ["architectures"] = new JsonArray("Qwen2ForCausalLM"),
        ["model_type"] = "qwen2",
        ["vocab_size"] = Vocab,
        ["hidden_size"] = Hidden,
        ["intermediate_size"] = Intermediate,
        ["num_hidden_layers"] = Layers,
        ["num_attention_heads"] = Heads,
        ["num_key_value_heads"] = KvHeads,
        ["hidden_act"] = "silu",
        ["rope_theta"] = 10000.0,
        ["rms_norm_eps"] = 1e-6,
        ["tie_word_embeddings"] = true,
        ["bos_token_id"] = 50256,
        ["eos_token_id"] = 50256,
        ["max_position_embeddings"] = 2048,
    };

    /// <summary>Writes the config (after <paramref name="edit"/>) to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, Action<JsonObject>? edit = null)
    {
        var config = Create();
        edit?.Invoke(config);
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
