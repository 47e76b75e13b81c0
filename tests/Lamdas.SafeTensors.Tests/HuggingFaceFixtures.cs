using System.Buffers.Binary;
using System.Text.Json;

namespace Lamdas.SafeTensors.Tests;

/// <summary>Locates the checkpoints under tests/fixtures/hf (written by Hugging Face transformers) and decodes them independently.</summary>
internal static class HuggingFaceFixtures
{
    public static string Directory(string model)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "hf", model);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/fixtures/hf/{model} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Reads tensor <paramref name="name"/> from <paramref name="path"/> with a minimal header parser and System.Half / bit shifts.</summary>
    public static float[] DecodeIndependently(string path, string name)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        using JsonDocument header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        JsonElement entry = header.RootElement.GetProperty(name);
        long begin = entry.GetProperty("data_offsets")[0].GetInt64();
        long end = entry.GetProperty("data_offsets")[1].GetInt64();
        int start = checked((int)(8 + headerLength + begin));
        int length = checked((int)(end - begin));
        return entry.GetProperty("dtype").GetString() switch
        {
            "F32" => Enumerable.Range(0, length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start + (i * 4)))).ToArray(),
            "F16" => Enumerable.Range(0, length / 2).Select(i => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(start + (i * 2)))).ToArray(),
            "BF16" => Enumerable.Range(0, length / 2).Select(i => BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(start + (i * 2))) << 16)).ToArray(),
            string other => throw new NotSupportedException(other),
            null => throw new InvalidDataException("dtype missing"),
        };
    }
}
