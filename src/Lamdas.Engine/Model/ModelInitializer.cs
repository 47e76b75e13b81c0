using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Engine.Modules;
using Lamdas.SafeTensors;
using static TorchSharp.torch;

namespace Lamdas.Engine.Model;

/// <summary>Writes a randomly initialised model in Hugging Face layout (config.json, model.safetensors, tokenizer files).</summary>
public static class ModelInitializer
{
    public static void Create(JsonObject config, string tokenizerDirectory, string outputDirectory, long seed, SafeTensorDType dtype)
    {
        var parsed = ModelConfig.Parse(config, "config");
        Directory.CreateDirectory(outputDirectory);
        manual_seed(seed);
        using var network = new CausalLm(parsed);
        CheckpointFiles.InitialiseWeights(network);
        var entries = CheckpointFiles.Entries(network, dtype);
        config["torch_dtype"] = CheckpointFiles.TorchDTypeName(dtype);
        SafeTensorWriter.Write(Path.Combine(outputDirectory, "model.safetensors"), entries,
            new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(outputDirectory, "config.json"),
            config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var copied = CheckpointFiles.CopyTokenizer(tokenizerDirectory, outputDirectory);
        if (copied == 0)
        {
            throw new EngineException($"--tokenizer {tokenizerDirectory}: no tokenizer.json or vocab.json + merges.txt found");
        }
    }
}
