using System.Text.Json.Nodes;
using Lamdas.Tokenization;

namespace Lamdas.Engine.Model;

/// <summary>Named Hugging Face configs for <c>model init</c>.</summary>
public static class ModelPresets
{
    public static IReadOnlyList<string> Names { get; } = ["qwen2.5-0.5b", "tiny"];

    /// <summary>The preset's config.json, or the JSON file at <paramref name="nameOrPath"/>.</summary>
    public static JsonObject Resolve(string nameOrPath, ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Resolve(nameOrPath, tokenizer.VocabularySize, tokenizer.TokenToId("<|endoftext|>"));
    }

    /// <summary>The preset's config.json for a tokenizer of <paramref name="tokenizerVocabulary"/> tokens, or the JSON file.</summary>
    public static JsonObject Resolve(string nameOrPath, int tokenizerVocabulary, int? endOfText)
    {
        switch (nameOrPath)
        {
            case "qwen2.5-0.5b":
                // Qwen2.5-0.5B's published shape.
                return Qwen2(vocab: 151936, hidden: 896, intermediate: 4864, layers: 24, heads: 14, kvHeads: 2,
                    theta: 1000000.0, maxPositions: 32768, bos: endOfText ?? 151643);
            case "tiny":
                return Qwen2(vocab: RoundUp(tokenizerVocabulary, 64), hidden: 256, intermediate: 768, layers: 4,
                    heads: 4, kvHeads: 2, theta: 10000.0, maxPositions: 2048, bos: endOfText ?? 0);
            default:
                if (!File.Exists(nameOrPath))
                {
                    throw new EngineException(
                        $"--config {nameOrPath}: not a preset ({string.Join(", ", Names)}) and no such file");
                }

                return JsonNode.Parse(File.ReadAllText(nameOrPath))?.AsObject()
                    ?? throw new EngineException($"--config {nameOrPath}: empty JSON");
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static JsonObject Qwen2(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
        double theta, int maxPositions, int bos) => new()
        {
            ["architectures"] = new JsonArray("Qwen2ForCausalLM"),
            ["model_type"] = "qwen2",
            ["vocab_size"] = vocab,
            ["hidden_size"] = hidden,
            ["intermediate_size"] = intermediate,
            ["num_hidden_layers"] = layers,
            ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = kvHeads,
            ["hidden_act"] = "silu",
            ["rope_theta"] = theta,
            ["rms_norm_eps"] = 1e-6,
            ["tie_word_embeddings"] = true,
            ["bos_token_id"] = bos,
            ["eos_token_id"] = bos,
            ["max_position_embeddings"] = maxPositions,
            ["use_sliding_window"] = false,
            ["torch_dtype"] = "float32",
        };
}
