using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Cli.Tests;

/// <summary>
/// Minimal reader/writer of the safetensors format written from its specification (8-byte little-endian header
/// length, JSON header, raw little-endian data), independent of the product's own implementation.
/// </summary>
internal static class SafeTensorsFile
{
    /// <summary>The tensor entries of the header (the optional <c>__metadata__</c> entry left out).</summary>
    public static Dictionary<string, SafeTensorInfo> ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        Assert.True(length > 0 && length < (ulong)stream.Length, $"{path}: implausible header length {length}");
        var header = new byte[length];
        stream.ReadExactly(header);
        var root = JsonNode.Parse(header)!.AsObject();
        var result = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        var dataBytes = stream.Length - 8 - (long)length;
        foreach (var (name, node) in root)
        {
            if (name == "__metadata__")
            {
                continue;
            }

            var entry = node!.AsObject();
            var offsets = entry["data_offsets"]!.AsArray().Select(o => o!.GetValue<long>()).ToArray();
            var info = new SafeTensorInfo(entry["dtype"]!.GetValue<string>(),
                entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray(), offsets[0], offsets[1]);
            Assert.True(info.Begin >= 0 && info.End >= info.Begin && info.End <= dataBytes,
                $"{path}: tensor {name} offsets [{info.Begin}, {info.End}) outside the {dataBytes}-byte data section");
            result[name] = info;
        }

        return result;
    }

    /// <summary>Writes float32 tensors.</summary>
    public static void WriteFloat32(string path, IReadOnlyList<(string Name, long[] Shape, float[] Data)> tensors)
    {
        var header = new JsonObject();
        long offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), data.LongLength);
            var bytes = data.LongLength * sizeof(float);
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }

        var json = header.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        var padded = json + new string(' ', (8 - (Encoding.UTF8.GetByteCount(json) % 8)) % 8);
        var headerBytes = Encoding.UTF8.GetBytes(padded);
        using var stream = File.Create(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)headerBytes.Length);
        stream.Write(lengthBytes);
        stream.Write(headerBytes);
        Span<byte> value = stackalloc byte[4];
        foreach (var (_, _, data) in tensors)
        {
            foreach (var x in data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, x);
                stream.Write(value);
            }
        }
    }
}
