using System.Buffers.Binary;
using System.Text;

namespace Lamdas.SafeTensors.Tests;

/// <summary>Builds safetensors bytes by hand from a literal JSON header and raw data, independent of the writer.</summary>
internal static class HandBuiltFile
{
    public static byte[] Build(string headerJson, params byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(headerJson);
        int padded = (json.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + padded);
        return bytes;
    }

    public static string Save(TempDirectory dir, string fileName, string headerJson, params byte[] data)
    {
        string path = dir.FilePath(fileName);
        File.WriteAllBytes(path, Build(headerJson, data));
        return path;
    }

    public static byte[] LittleEndianUInt16(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    public static byte[] LittleEndianUInt32(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    public static byte[] LittleEndianUInt64(params ulong[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }
}
