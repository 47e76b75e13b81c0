using System.Runtime.InteropServices;
using System.Text.Json;
using Lamdas.Engine.Model;
using Lamdas.SafeTensors;
using static TorchSharp.torch;

namespace Lamdas.Engine.Prefix;

/// <summary>
/// A soft domain prefix: per layer, P key and P value vectors per key/value head, float32
/// [num_layers, num_kv_heads, P, head_dim], prepended unrotated to every document's attention keys/values.
/// </summary>
public sealed class DomainPrefix : IDisposable
{
    public const string TensorFile = "prefix.safetensors";
    public const string MetadataFile = "prefix.json";
    public const string KeysName = "prefix.keys";
    public const string ValuesName = "prefix.values";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public DomainPrefix(Tensor keys, Tensor values, PrefixMetadata metadata)
    {
        if (keys.ndim != 4 || !keys.shape.SequenceEqual(values.shape))
        {
            throw new EngineException("prefix keys and values must both be [num_layers, num_kv_heads, P, head_dim]");
        }

        Keys = keys;
        Values = values;
        Metadata = metadata;
    }

    public Tensor Keys { get; }

    public Tensor Values { get; }

    public PrefixMetadata Metadata { get; }

    public int Length => (int)Keys.shape[2];

    /// <summary>Loads a prefix directory and checks it fits <paramref name="model"/>.</summary>
    public static DomainPrefix Load(string directory, LanguageModel model)
    {
        var tensorPath = Path.Combine(directory, TensorFile);
        if (!File.Exists(tensorPath))
        {
            throw new EngineException($"prefix directory '{directory}': {TensorFile} not found");
        }

        var metadata = ReadMetadata(directory);
        if (metadata.BaseModelFingerprint is { } expected && expected != model.Fingerprint)
        {
            throw new EngineException(
                $"prefix '{directory}' was trained for a different base model (prefix.json base_model_fingerprint {expected}, " +
                $"model '{model.Directory}' is {model.Fingerprint}); train a prefix for this model");
        }

        var c = model.Config;
        try
        {
            using var file = SafeTensorFile.Open(tensorPath);
            var keys = ReadTensor(file, KeysName, c, directory);
            var values = ReadTensor(file, ValuesName, c, directory);
            if (!keys.shape.SequenceEqual(values.shape))
            {
                throw new EngineException($"prefix '{directory}': {KeysName} and {ValuesName} have different shapes");
            }

            return new DomainPrefix(keys.to(model.Device), values.to(model.Device), metadata);
        }
        catch (SafeTensorsException e)
        {
            throw new EngineException(e.Message, e);
        }
    }

    /// <summary>Writes prefix.safetensors (float32) and prefix.json.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        using var keys = Keys.detach().to(ScalarType.Float32, CPU).contiguous();
        using var values = Values.detach().to(ScalarType.Float32, CPU).contiguous();
        var shape = keys.shape;
        SafeTensorWriter.Write(Path.Combine(directory, TensorFile),
        [
            new SafeTensorEntry(KeysName, SafeTensorDType.F32, shape, keys.data<float>().ToArray()),
            new SafeTensorEntry(ValuesName, SafeTensorDType.F32, shape, values.data<float>().ToArray()),
        ]);
        var json = JsonSerializer.Serialize(Metadata, JsonOptions);
        var tmp = Path.Combine(directory, MetadataFile + ".tmp");
        File.WriteAllText(tmp, json + "\n");
        File.Move(tmp, Path.Combine(directory, MetadataFile), overwrite: true);
    }

    public void Dispose()
    {
        Keys.Dispose();
        Values.Dispose();
    }

    private static PrefixMetadata ReadMetadata(string directory)
    {
        var path = Path.Combine(directory, MetadataFile);
        if (!File.Exists(path))
        {
            return new PrefixMetadata();
        }

        try
        {
            return JsonSerializer.Deserialize<PrefixMetadata>(File.ReadAllText(path)) ?? new PrefixMetadata();
        }
        catch (JsonException e)
        {
            throw new EngineException($"{path}: invalid prefix metadata: {e.Message}", e);
        }
    }

    private static Tensor ReadTensor(SafeTensorFile file, string name, ModelConfig c, string directory)
    {
        if (!file.Tensors.TryGetValue(name, out var info))
        {
            throw new EngineException($"prefix '{directory}': tensor '{name}' not found in {TensorFile}");
        }

        var shape = info.Shape;
        if (shape.Length != 4 || shape[0] != c.NumHiddenLayers || shape[1] != c.NumKeyValueHeads || shape[3] != c.HeadDim || shape[2] < 0)
        {
            throw new EngineException(
                $"prefix '{directory}': tensor '{name}' has shape [{string.Join(", ", shape)}] but the model needs " +
                $"[{c.NumHiddenLayers}, {c.NumKeyValueHeads}, P, {c.HeadDim}]");
        }

        var tensor = zeros(shape, ScalarType.Float32);
        file.ReadAsFloat32(name, MemoryMarshal.Cast<byte, float>(tensor.bytes));
        return tensor;
    }
}
