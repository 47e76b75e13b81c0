using System.Runtime.InteropServices;
using Lamdas.Engine.Modules;
using Lamdas.SafeTensors;
using static TorchSharp.torch;

namespace Lamdas.Engine.Model;

/// <summary>Shared steps of writing a model in Hugging Face layout: initial weights, tensor entries, tokenizer files.</summary>
internal static class CheckpointFiles
{
    private static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt"];

    /// <summary>Norm weights 1, biases 0, every other weight N(0, 0.02) from torch's current generator.</summary>
    public static void InitialiseWeights(CausalLm network)
    {
        using var noGrad = no_grad();
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

    /// <summary>The network's parameters as safetensors entries (Hugging Face names) stored as <paramref name="dtype"/>.</summary>
    public static List<SafeTensorEntry> Entries(CausalLm network, SafeTensorDType dtype) =>
        network.named_parameters()
            .Select(p => new SafeTensorEntry(p.name, dtype, p.parameter.shape,
                MemoryMarshal.Cast<byte, float>(p.parameter.detach().contiguous().bytes).ToArray()))
            .ToList();

    /// <summary>Copies whichever tokenizer files exist; returns how many were copied.</summary>
    public static int CopyTokenizer(string from, string to)
    {
        var copied = 0;
        foreach (var file in TokenizerFiles)
        {
            var source = Path.Combine(from, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(to, file), overwrite: true);
                copied++;
            }
        }

        return copied;
    }

    public static string TorchDTypeName(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.BF16 => "bfloat16",
        SafeTensorDType.F16 => "float16",
        _ => "float32",
    };
}
