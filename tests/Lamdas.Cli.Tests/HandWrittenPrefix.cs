using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary>
/// Writes a domain prefix directory by hand for a model of the given shape: prefix.safetensors with float32
/// prefix.keys / prefix.values [layers, kv_heads, P, head_dim] drawn from N(0, scale²), and a prefix.json like the
/// Hugging Face fixture's (no base_model_fingerprint unless given).
/// </summary>
internal static class HandWrittenPrefix
{
    public static string Write(string directory, int layers, int kvHeads, int length, int headDim, int seed,
        double scale = 1.0, string? fingerprint = null)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        long[] shape = [layers, kvHeads, length, headDim];
        var count = layers * kvHeads * length * headDim;
        float[] Draw() => Enumerable.Range(0, count).Select(_ => (float)(scale * Gaussian(random))).ToArray();
        SafeTensorsFile.WriteFloat32(Path.Combine(directory, "prefix.safetensors"),
        [
            ("prefix.keys", shape, Draw()),
            ("prefix.values", shape, Draw()),
        ]);
        var metadata = new Dictionary<string, object>
        {
            ["length"] = length,
            ["num_layers"] = layers,
            ["num_kv_heads"] = kvHeads,
            ["head_dim"] = headDim,
            ["origin"] = "hand-written by Lamdas.Cli.Tests",
        };
        if (fingerprint is not null)
        {
            metadata["base_model_fingerprint"] = fingerprint;
        }

        File.WriteAllText(Path.Combine(directory, "prefix.json"), JsonSerializer.Serialize(metadata));
        return directory;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
