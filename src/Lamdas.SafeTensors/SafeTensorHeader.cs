using System.Text.Json;

namespace Lamdas.SafeTensors;

/// <summary>The parsed and validated JSON header of one safetensors file.</summary>
internal sealed class SafeTensorHeader
{
    public const string MetadataKey = "__metadata__";

    private SafeTensorHeader(Dictionary<string, TensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>Tensors in header order.</summary>
    public Dictionary<string, TensorInfo> Tensors { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>
    /// Parses <paramref name="json"/> and checks every entry against a data section of
    /// <paramref name="dataLength"/> bytes starting at file offset <paramref name="dataStart"/>.
    /// </summary>
    public static SafeTensorHeader Parse(string path, ReadOnlyMemory<byte> json, long dataStart, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsException($"Invalid safetensors file '{path}': the header is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsException($"Invalid safetensors file '{path}': the header must be a JSON object, found {root.ValueKind}.");
            }

            var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (sawMetadata)
                    {
                        throw new SafeTensorsException($"Invalid safetensors file '{path}': '{MetadataKey}' appears more than once.");
                    }

                    sawMetadata = true;
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }

                if (tensors.ContainsKey(property.Name))
                {
                    throw new SafeTensorsException($"Invalid safetensors file '{path}': tensor '{property.Name}' appears more than once in the header.");
                }

                tensors.Add(property.Name, ReadTensor(path, property.Name, property.Value, dataStart, dataLength));
            }

            CheckNoOverlap(path, tensors.Values, dataStart);
            return new SafeTensorHeader(tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsException($"Invalid safetensors file '{path}': '{MetadataKey}' must be an object of strings, found {element.ValueKind}.");
        }

        foreach (JsonProperty entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsException($"Invalid safetensors file '{path}': metadata value '{entry.Name}' must be a string, found {entry.Value.ValueKind}.");
            }

            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new SafeTensorsException($"Invalid safetensors file '{path}': metadata key '{entry.Name}' appears more than once.");
            }
        }
    }

    private static TensorInfo ReadTensor(string path, string name, JsonElement element, long dataStart, long dataLength)
    {
        string where = $"tensor '{name}' in '{path}'";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsException($"Invalid {where}: the header entry must be an object, found {element.ValueKind}.");
        }

        if (!element.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new SafeTensorsException($"Invalid {where}: missing string field 'dtype'.");
        }

        string dtypeName = dtypeElement.GetString()!;
        if (!SafeTensorDTypeExtensions.TryParseHeaderName(dtypeName, out SafeTensorDType dtype))
        {
            throw new SafeTensorsException($"Unsupported dtype '{dtypeName}' for {where}.");
        }

        long[] shape = ReadInt64Array(where, element, "shape");
        long[] offsets = ReadInt64Array(where, element, "data_offsets");
        if (offsets.Length != 2)
        {
            throw new SafeTensorsException($"Invalid {where}: 'data_offsets' must have 2 entries, found {offsets.Length}.");
        }

        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin)
        {
            throw new SafeTensorsException($"Invalid {where}: data_offsets [{begin}, {end}] end before they begin.");
        }

        if (end > dataLength)
        {
            throw new SafeTensorsException(
                $"Invalid {where}: data_offsets [{begin}, {end}] extend past the data section ({dataLength} bytes); the file may be truncated.");
        }

        if (!TensorShape.TryElementCount(shape, out long elements) || elements > long.MaxValue / dtype.ByteSize())
        {
            throw new SafeTensorsException($"Invalid {where}: shape {TensorShape.Format(shape)} is too large.");
        }

        long expectedBytes = elements * dtype.ByteSize();
        if (end - begin != expectedBytes)
        {
            throw new SafeTensorsException(
                $"Invalid {where}: data_offsets [{begin}, {end}] span {end - begin} bytes but {dtypeName} shape {TensorShape.Format(shape)} needs {expectedBytes}.");
        }

        return new TensorInfo(name, dtype, shape, path) { FileOffset = dataStart + begin };
    }

    private static long[] ReadInt64Array(string where, JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new SafeTensorsException($"Invalid {where}: missing array field '{field}'.");
        }

        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
            {
                throw new SafeTensorsException($"Invalid {where}: '{field}' must contain non-negative integers, found '{item.GetRawText()}'.");
            }

            values[i++] = value;
        }

        return values;
    }

    private static void CheckNoOverlap(string path, IEnumerable<TensorInfo> tensors, long dataStart)
    {
        TensorInfo[] ordered = tensors.Where(t => t.ByteLength > 0).OrderBy(t => t.FileOffset).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            TensorInfo previous = ordered[i - 1];
            TensorInfo current = ordered[i];
            long previousEnd = previous.FileOffset + previous.ByteLength;
            if (current.FileOffset < previousEnd)
            {
                throw new SafeTensorsException(
                    $"Invalid safetensors file '{path}': tensor '{current.Name}' data_offsets [{current.FileOffset - dataStart}, {current.FileOffset - dataStart + current.ByteLength}] "
                    + $"overlap tensor '{previous.Name}' [{previous.FileOffset - dataStart}, {previousEnd - dataStart}].");
            }
        }
    }
}
