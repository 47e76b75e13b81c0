using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Engine.Model;

/// <summary>The subset of a Hugging Face <c>config.json</c> the engine implements, validated.</summary>
public sealed record ModelConfig
{
    public required ModelArchitecture Architecture { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    public required double RopeTheta { get; init; }
    public required double RmsNormEps { get; init; }
    public required bool TieWordEmbeddings { get; init; }
    public int? BosTokenId { get; init; }
    public int? EosTokenId { get; init; }
    public required int MaxPositionEmbeddings { get; init; }
    /// <summary>q/k/v projections have biases (always for Qwen2; <c>attention_bias</c> for Llama).</summary>
    public bool QkvBias { get; init; }

    /// <summary>The attention output projection has a bias (<c>attention_bias</c> for Llama; never for Qwen2).</summary>
    public bool OutputBias { get; init; }

    /// <summary>The MLP projections have biases (<c>mlp_bias</c>, Llama).</summary>
    public bool MlpBias { get; init; }

    /// <summary>The token every document is conditioned on: <c>bos_token_id</c>, else <c>eos_token_id</c>.</summary>
    public int StartTokenId => BosTokenId ?? EosTokenId
        ?? throw new EngineException("config.json: neither bos_token_id nor eos_token_id is set; a start token is required");

    /// <summary>Query heads per key/value head.</summary>
    public int GroupSize => NumAttentionHeads / NumKeyValueHeads;

    public static ModelConfig Load(string modelDirectory)
    {
        var path = System.IO.Path.Combine(modelDirectory, "config.json");
        if (!File.Exists(path))
        {
            throw new EngineException($"{path}: not found (a Hugging Face model directory needs config.json)");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new EngineException($"{path}: empty JSON");
        }
        catch (JsonException e)
        {
            throw new EngineException($"{path}: invalid JSON: {e.Message}", e);
        }

        return Parse(root, path);
    }

    public static ModelConfig Parse(JsonObject root, string source)
    {
        var reader = new ConfigReader(root, source);
        var modelType = reader.OptionalString("model_type");
        var architectures = root["architectures"] is JsonArray a ? a.Select(x => x?.GetValue<string>()).ToArray() : [];
        var architecture = ResolveArchitecture(modelType, architectures, source);

        var hidden = reader.RequiredInt("hidden_size");
        var heads = reader.RequiredInt("num_attention_heads");
        var kvHeads = reader.OptionalInt("num_key_value_heads") ?? heads;
        var headDim = reader.OptionalInt("head_dim") ?? (heads > 0 ? hidden / heads : 0);
        reader.Check(heads > 0 && kvHeads > 0 && heads % kvHeads == 0, "num_key_value_heads",
            $"num_attention_heads ({heads}) must be a positive multiple of num_key_value_heads ({kvHeads})");
        reader.Check(headDim > 0 && headDim % 2 == 0, "head_dim", $"head dimension {headDim} must be even and positive");
        reader.Check(root["head_dim"] is not null || hidden % heads == 0, "hidden_size",
            $"hidden_size ({hidden}) is not divisible by num_attention_heads ({heads}) and head_dim is not set");

        var act = reader.OptionalString("hidden_act") ?? "silu";
        reader.Check(act == "silu", "hidden_act", $"'{act}' is not supported (only silu)");
        RejectUnsupportedFeatures(reader, root);

        var config = new ModelConfig
        {
            Architecture = architecture,
            VocabSize = reader.RequiredInt("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = reader.RequiredInt("intermediate_size"),
            NumHiddenLayers = reader.RequiredInt("num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = kvHeads,
            HeadDim = headDim,
            RopeTheta = ReadRopeTheta(reader, root),
            RmsNormEps = reader.OptionalDouble("rms_norm_eps") ?? 1e-6,
            TieWordEmbeddings = reader.OptionalBool("tie_word_embeddings") ?? false,
            BosTokenId = reader.OptionalTokenId("bos_token_id"),
            EosTokenId = reader.OptionalTokenId("eos_token_id"),
            MaxPositionEmbeddings = reader.OptionalInt("max_position_embeddings") ?? 32768,
            QkvBias = architecture == ModelArchitecture.Qwen2 || (reader.OptionalBool("attention_bias") ?? false),
            OutputBias = architecture == ModelArchitecture.Llama && (reader.OptionalBool("attention_bias") ?? false),
            MlpBias = architecture == ModelArchitecture.Llama && (reader.OptionalBool("mlp_bias") ?? false),
        };
        reader.Check(config.VocabSize > 0 && config.IntermediateSize > 0 && config.NumHiddenLayers > 0 && hidden > 0,
            "vocab_size", "vocab_size, hidden_size, intermediate_size and num_hidden_layers must be positive");
        reader.Check(config.BosTokenId is not null || config.EosTokenId is not null, "bos_token_id",
            "neither bos_token_id nor eos_token_id is set; a start token is required");
        return config;
    }

    private static ModelArchitecture ResolveArchitecture(string? modelType, string?[] architectures, string source)
    {
        foreach (var arch in architectures)
        {
            if (arch is not ("Qwen2ForCausalLM" or "LlamaForCausalLM"))
            {
                throw new EngineException(
                    $"{source}: architectures: '{arch}' is not supported (supported: Qwen2ForCausalLM, LlamaForCausalLM)");
            }
        }

        return modelType switch
        {
            "qwen2" => ModelArchitecture.Qwen2,
            "llama" => ModelArchitecture.Llama,
            null when architectures.Contains("Qwen2ForCausalLM") => ModelArchitecture.Qwen2,
            null when architectures.Contains("LlamaForCausalLM") => ModelArchitecture.Llama,
            _ => throw new EngineException(
                $"{source}: model_type: '{modelType ?? "(missing)"}' is not supported (supported: qwen2, llama)"),
        };
    }

    private static double ReadRopeTheta(ConfigReader reader, JsonObject root)
    {
        if (root["rope_parameters"] is JsonObject parameters)
        {
            var nested = new ConfigReader(parameters, reader.Source + ": rope_parameters");
            var type = nested.OptionalString("rope_type") ?? nested.OptionalString("type") ?? "default";
            nested.Check(type == "default", "rope_type", $"'{type}' is not supported (only default rotary embeddings)");
            return nested.OptionalDouble("rope_theta") ?? reader.OptionalDouble("rope_theta") ?? 10000.0;
        }

        return reader.OptionalDouble("rope_theta") ?? 10000.0;
    }

    private static void RejectUnsupportedFeatures(ConfigReader reader, JsonObject root)
    {
        if (root["rope_scaling"] is JsonObject scaling)
        {
            var type = scaling["rope_type"]?.GetValue<string>() ?? scaling["type"]?.GetValue<string>() ?? "(unset)";
            reader.Check(type == "default", "rope_scaling", $"rope_scaling type '{type}' is not supported");
        }

        reader.Check(reader.OptionalBool("use_sliding_window") != true, "use_sliding_window",
            "sliding-window attention is not supported");
        if (root["layer_types"] is JsonArray layerTypes)
        {
            foreach (var t in layerTypes)
            {
                var value = t?.GetValue<string>();
                reader.Check(value == "full_attention", "layer_types", $"layer type '{value}' is not supported");
            }
        }

        reader.Check(reader.OptionalInt("pretraining_tp") is null or 1, "pretraining_tp", "only pretraining_tp = 1 is supported");
    }
}
