using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lamdas.SafeTensors;

/// <summary>
/// Writes safetensors files and sharded checkpoints. Output goes to a temporary file in the
/// target folder and is moved into place once complete, and tensor data is streamed, so
/// memory use does not grow with the file size.
/// </summary>
public static class SafeTensorWriter
{
    private const int EncodeBufferBytes = 1 << 20;

    private static readonly JsonWriterOptions HeaderJsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Writes one safetensors file: 8-byte little-endian header length, the JSON header
    /// (optional <c>__metadata__</c> first, then tensors in the given order) padded with spaces
    /// to a multiple of 8, then each tensor's data back to back.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor has an empty, reserved or duplicate name, a dtype other than F32/F16/BF16/F64, or data whose length differs from its shape.</exception>
    public static void Write(string path, IEnumerable<SafeTensorEntry> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing safetensors requires a little-endian platform.");
        }

        List<SafeTensorEntry> entries = Validate(tensors);
        string fullPath = Path.GetFullPath(path);
        WriteAtomically(fullPath, stream => WriteContent(stream, entries, metadata));
    }

    /// <summary>
    /// Writes a checkpoint into <paramref name="directory"/> the way Hugging Face <c>save_pretrained</c> does:
    /// tensors are packed in order into shards of at most <paramref name="maxShardBytes"/> data bytes
    /// (a tensor larger than that gets a shard of its own). Several shards are written as
    /// <c>model-00001-of-0000N.safetensors</c> plus <c>model.safetensors.index.json</c>
    /// (<c>{"metadata":{"total_size":N},"weight_map":{...}}</c>); a single shard is written as
    /// <c>model.safetensors</c> with no index. Checkpoint files from an earlier save in the
    /// directory that the new one does not use are deleted afterwards.
    /// </summary>
    /// <returns>Full paths of the files written, shards first, then the index if any.</returns>
    public static IReadOnlyList<string> WriteSharded(
        string directory,
        IEnumerable<SafeTensorEntry> tensors,
        long maxShardBytes,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxShardBytes, 1);

        List<SafeTensorEntry> entries = Validate(tensors);
        string fullDirectory = Path.GetFullPath(directory);
        Directory.CreateDirectory(fullDirectory);

        List<List<SafeTensorEntry>> shards = PlanShards(entries, maxShardBytes);
        var written = new List<string>();
        if (shards.Count == 1)
        {
            string path = Path.Combine(fullDirectory, CheckpointFileNames.SingleFile);
            Write(path, shards[0], metadata);
            written.Add(path);
        }
        else
        {
            var weightMap = new List<KeyValuePair<string, string>>();
            for (int i = 0; i < shards.Count; i++)
            {
                string shardName = CheckpointFileNames.Shard(i + 1, shards.Count);
                string path = Path.Combine(fullDirectory, shardName);
                Write(path, shards[i], metadata);
                written.Add(path);
                weightMap.AddRange(shards[i].Select(e => new KeyValuePair<string, string>(e.Name, shardName)));
            }

            long totalSize = entries.Sum(ByteLength);
            string indexPath = Path.Combine(fullDirectory, CheckpointFileNames.Index);
            WriteAtomically(indexPath, stream => WriteIndex(stream, totalSize, weightMap));
            written.Add(indexPath);
        }

        DeleteStaleCheckpointFiles(fullDirectory, written);
        return written;
    }

    private static List<SafeTensorEntry> Validate(IEnumerable<SafeTensorEntry> tensors)
    {
        var entries = new List<SafeTensorEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SafeTensorEntry entry in tensors)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(tensors));
            if (string.IsNullOrEmpty(entry.Name) || entry.Name == SafeTensorHeader.MetadataKey)
            {
                throw new ArgumentException($"Tensor name '{entry.Name}' is empty or reserved.", nameof(tensors));
            }

            if (!names.Add(entry.Name))
            {
                throw new ArgumentException($"Tensor '{entry.Name}' appears more than once.", nameof(tensors));
            }

            if (!entry.DType.IsFloatingPoint())
            {
                throw new ArgumentException(
                    $"Tensor '{entry.Name}' has dtype {entry.DType.ToHeaderName()}; only F32, F16, BF16 and F64 can be written from float32.",
                    nameof(tensors));
            }

            ArgumentNullException.ThrowIfNull(entry.Shape, nameof(tensors));
            if (!TensorShape.TryElementCount(entry.Shape, out long count) || count != entry.Data.Length)
            {
                throw new ArgumentException(
                    $"Tensor '{entry.Name}' has shape {TensorShape.Format(entry.Shape)} but {entry.Data.Length} values.",
                    nameof(tensors));
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static long ByteLength(SafeTensorEntry entry) => (long)entry.Data.Length * entry.DType.ByteSize();

    private static List<List<SafeTensorEntry>> PlanShards(List<SafeTensorEntry> entries, long maxShardBytes)
    {
        var shards = new List<List<SafeTensorEntry>> { new() };
        long currentBytes = 0;
        foreach (SafeTensorEntry entry in entries)
        {
            long size = ByteLength(entry);
            if (shards[^1].Count > 0 && currentBytes + size > maxShardBytes)
            {
                shards.Add([]);
                currentBytes = 0;
            }

            shards[^1].Add(entry);
            currentBytes += size;
        }

        return shards;
    }

    private static void WriteContent(FileStream stream, List<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        byte[] header = BuildHeader(entries, metadata);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(EncodeBufferBytes);
        try
        {
            foreach (SafeTensorEntry entry in entries)
            {
                int elementSize = entry.DType.ByteSize();
                int chunk = EncodeBufferBytes / elementSize;
                ReadOnlySpan<float> data = entry.Data.Span;
                for (int done = 0; done < data.Length; done += chunk)
                {
                    int n = Math.Min(chunk, data.Length - done);
                    Span<byte> encoded = buffer.AsSpan(0, n * elementSize);
                    Float32Encoder.Encode(entry.DType, data.Slice(done, n), encoded);
                    stream.Write(encoded);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The header JSON padded with trailing spaces to a multiple of 8 bytes.</summary>
    private static byte[] BuildHeader(List<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, HeaderJsonOptions))
        {
            writer.WriteStartObject();
            if (metadata is not null)
            {
                writer.WriteStartObject(SafeTensorHeader.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (SafeTensorEntry entry in entries)
            {
                long end = offset + ByteLength(entry);
                writer.WriteStartObject(entry.Name);
                writer.WriteString("dtype", entry.DType.ToHeaderName());
                writer.WriteStartArray("shape");
                foreach (long dim in entry.Shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }

            writer.WriteEndObject();
        }

        int padded = (json.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteIndex(FileStream stream, long totalSize, List<KeyValuePair<string, string>> weightMap)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartObject("metadata");
        writer.WriteNumber("total_size", totalSize);
        writer.WriteEndObject();
        writer.WriteStartObject("weight_map");
        foreach (var (name, shard) in weightMap.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, shard);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteAtomically(string path, Action<FileStream> write)
    {
        string directory = Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20, FileOptions.SequentialScan))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void DeleteStaleCheckpointFiles(string directory, List<string> written)
    {
        var keep = new HashSet<string>(written.Select(Path.GetFileName)!, StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            bool isCheckpointFile = name == CheckpointFileNames.SingleFile
                || name == CheckpointFileNames.Index
                || CheckpointFileNames.IsShard(name);
            if (isCheckpointFile && !keep.Contains(name))
            {
                File.Delete(path);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error is more useful than a failed cleanup.
        }
    }
}
