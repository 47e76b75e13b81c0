using System.Diagnostics.CodeAnalysis;

namespace Lamdas.SafeTensors;

/// <summary>
/// The safetensors weights of a Hugging Face model directory: either <c>model.safetensors</c>
/// or <c>model.safetensors.index.json</c> plus the shards its <c>weight_map</c> lists
/// (the single file wins when both exist, as in <c>transformers</c>).
/// </summary>
public sealed class SafeTensorCheckpoint : IDisposable
{
    private readonly Dictionary<string, (SafeTensorFile File, TensorInfo Info)> _tensors;
    private readonly List<string> _names;
    private readonly List<SafeTensorFile> _files;

    private SafeTensorCheckpoint(
        string directoryPath,
        List<SafeTensorFile> files,
        Dictionary<string, (SafeTensorFile File, TensorInfo Info)> tensors,
        List<string> names)
    {
        DirectoryPath = directoryPath;
        _files = files;
        _tensors = tensors;
        _names = names;
    }

    /// <summary>Full path of the model directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>Every tensor name, in header order (single file) or weight_map order (sharded).</summary>
    public IReadOnlyCollection<string> TensorNames => _names;

    /// <summary>The opened safetensors files (one, or one per shard).</summary>
    public IReadOnlyList<SafeTensorFile> Files => _files;

    /// <summary>Opens the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="SafeTensorsException">
    /// Neither checkpoint file exists, a listed shard is missing or invalid, or a weight_map
    /// tensor is absent from its shard.
    /// </exception>
    public static SafeTensorCheckpoint Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string fullDirectory = Path.GetFullPath(directory);
        if (!Directory.Exists(fullDirectory))
        {
            throw new SafeTensorsException($"Model directory '{fullDirectory}' does not exist.");
        }

        string singlePath = Path.Combine(fullDirectory, CheckpointFileNames.SingleFile);
        string indexPath = Path.Combine(fullDirectory, CheckpointFileNames.Index);
        if (File.Exists(singlePath))
        {
            return OpenSingle(fullDirectory, singlePath);
        }

        if (File.Exists(indexPath))
        {
            return OpenSharded(fullDirectory, indexPath);
        }

        throw new SafeTensorsException(
            $"No {CheckpointFileNames.SingleFile} or {CheckpointFileNames.Index} in '{fullDirectory}'.");
    }

    public bool TryGetInfo(string name, [MaybeNullWhen(false)] out TensorInfo info)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_tensors.TryGetValue(name, out var entry))
        {
            info = entry.Info;
            return true;
        }

        info = null;
        return false;
    }

    /// <exception cref="SafeTensorsException">No tensor named <paramref name="name"/>.</exception>
    public TensorInfo GetInfo(string name) => Find(name).Info;

    /// <summary>Converts an F32/F16/BF16/F64 tensor to float32; <paramref name="destination"/> must have exactly its element count.</summary>
    public void ReadAsFloat32(string name, Span<float> destination)
    {
        var (file, _) = Find(name);
        file.ReadAsFloat32(name, destination);
    }

    /// <summary>As <see cref="ReadAsFloat32(string, Span{float})"/>, after checking the stored shape equals <paramref name="expectedShape"/>.</summary>
    /// <exception cref="SafeTensorsException">The shapes differ; the message names the tensor and both shapes.</exception>
    public void ReadAsFloat32(string name, ReadOnlySpan<long> expectedShape, Span<float> destination)
    {
        var (file, info) = Find(name);
        if (!expectedShape.SequenceEqual(info.Shape))
        {
            throw new SafeTensorsException(
                $"Tensor '{name}' in '{info.FilePath}' has shape {info.ShapeText} but shape {TensorShape.Format(expectedShape)} was expected.");
        }

        file.ReadAsFloat32(name, destination);
    }

    public void Dispose()
    {
        foreach (SafeTensorFile file in _files)
        {
            file.Dispose();
        }
    }

    private (SafeTensorFile File, TensorInfo Info) Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_tensors.TryGetValue(name, out var entry))
        {
            throw new SafeTensorsException($"tensor '{name}' not found in {DirectoryPath}");
        }

        return entry;
    }

    private static SafeTensorCheckpoint OpenSingle(string directory, string path)
    {
        SafeTensorFile file = SafeTensorFile.Open(path);
        var tensors = new Dictionary<string, (SafeTensorFile, TensorInfo)>(StringComparer.Ordinal);
        var names = new List<string>(file.Tensors.Count);
        foreach (var (name, info) in file.Tensors)
        {
            tensors.Add(name, (file, info));
            names.Add(name);
        }

        return new SafeTensorCheckpoint(directory, [file], tensors, names);
    }

    private static SafeTensorCheckpoint OpenSharded(string directory, string indexPath)
    {
        List<KeyValuePair<string, string>> weightMap = SafeTensorIndex.ReadWeightMap(indexPath);
        var shards = new Dictionary<string, SafeTensorFile>(StringComparer.Ordinal);
        var files = new List<SafeTensorFile>();
        try
        {
            var tensors = new Dictionary<string, (SafeTensorFile, TensorInfo)>(StringComparer.Ordinal);
            var names = new List<string>(weightMap.Count);
            foreach (var (name, shardName) in weightMap)
            {
                if (!shards.TryGetValue(shardName, out SafeTensorFile? shard))
                {
                    string shardPath = ResolveShard(directory, indexPath, shardName);
                    if (!File.Exists(shardPath))
                    {
                        throw new SafeTensorsException(
                            $"Shard '{shardName}' listed in '{indexPath}' (for tensor '{name}') is missing from '{directory}'.");
                    }

                    shard = SafeTensorFile.Open(shardPath);
                    shards.Add(shardName, shard);
                    files.Add(shard);
                }

                if (!shard.Tensors.TryGetValue(name, out TensorInfo? info))
                {
                    throw new SafeTensorsException(
                        $"Tensor '{name}' is mapped to shard '{shardName}' by '{indexPath}' but is not in '{shard.Path}'.");
                }

                tensors.Add(name, (shard, info));
                names.Add(name);
            }

            return new SafeTensorCheckpoint(directory, files, tensors, names);
        }
        catch
        {
            foreach (SafeTensorFile file in files)
            {
                file.Dispose();
            }

            throw;
        }
    }

    private static string ResolveShard(string directory, string indexPath, string shardName)
    {
        string full = Path.GetFullPath(Path.Combine(directory, shardName));
        string root = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new SafeTensorsException($"Shard '{shardName}' listed in '{indexPath}' lies outside '{directory}'.");
        }

        return full;
    }
}
