using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Engine.Modules;
using Lamdas.SafeTensors;
using static TorchSharp.torch;

namespace Lamdas.Engine.Model;

/// <summary>Writes a randomly initialised model in Hugging Face layout (config.json, model.safetensors, tokenizer files).</summary>
public static class ModelInitializer
{
    private static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt"];

    public static void Create(JsonObject config, string tokenizerDirectory, string outputDirectory, long seed, SafeTensorDType dtype)
    {
        var parsed = ModelConfig.Parse(config, "config");
        Directory.CreateDirectory(outputDirectory);
        manual_seed(seed);
        using var network = new CausalLm(parsed);
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    parameter.fill_(1.0);
                }
                else if (name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    parameter.zero_();
                }
                else
                {
                    parameter.normal_(0.0, 0.02);
                }
            }
        }

        var entries = network.named_parameters()
            .Select(p => new SafeTensorEntry(p.name, dtype, p.parameter.shape,
                MemoryMarshal.Cast<byte, float>(p.parameter.bytes).ToArray()))
            .ToList();
        config["torch_dtype"] = dtype switch
        {
            SafeTensorDType.BF16 => "bfloat16",
            SafeTensorDType.F16 => "float16",
            _ => "float32",
        };
        SafeTensorWriter.Write(Path.Combine(outputDirectory, "model.safetensors"), entries,
            new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(outputDirectory, "config.json"),
            config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var copied = 0;
        foreach (var file in TokenizerFiles)
        {
            var source = Path.Combine(tokenizerDirectory, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(outputDirectory, file), overwrite: true);
                copied++;
            }
        }

        if (copied == 0)
        {
            throw new EngineException($"--tokenizer {tokenizerDirectory}: no tokenizer.json or vocab.json + merges.txt found");
        }
    }
}
