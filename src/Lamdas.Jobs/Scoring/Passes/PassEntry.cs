using System.Buffers.Binary;
using System.Security.Cryptography;
using Lamdas.Engine.Scoring;

namespace Lamdas.Jobs.Scoring.Passes;

/// <summary>
/// The bytes of one score-store entry: <c>LSP1</c>, the document count, per document its scored tokens (int32) and
/// log-likelihood (float64, little-endian), then the SHA-256 of everything before it. A truncated, altered or foreign
/// file fails <see cref="TryDecode"/>.
/// </summary>
public static class PassEntry
{
    private const int HashBytes = 32;
    private const int RowBytes = sizeof(int) + sizeof(double);
    private static ReadOnlySpan<byte> Magic => "LSP1"u8;

    /// <summary>The entry's bytes for these values.</summary>
    public static byte[] Encode(IReadOnlyList<DocumentLogProb> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var body = Magic.Length + sizeof(int) + (values.Count * RowBytes);
        var bytes = new byte[body + HashBytes];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), values.Count);
        var at = Magic.Length + sizeof(int);
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value.Tokens);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at + sizeof(int)), value.LogProb);
            at += RowBytes;
        }

        SHA256.HashData(bytes.AsSpan(0, body), bytes.AsSpan(body));
        return bytes;
    }

    /// <summary>The values of an entry, or null when the bytes are not a whole, intact entry of <paramref name="expectedCount"/> documents.</summary>
    public static DocumentLogProb[]? TryDecode(ReadOnlySpan<byte> bytes, int expectedCount)
    {
        var body = Magic.Length + sizeof(int) + ((long)expectedCount * RowBytes);
        if (bytes.Length != body + HashBytes || !bytes[..Magic.Length].SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(bytes[Magic.Length..]) != expectedCount)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[HashBytes];
        SHA256.HashData(bytes[..(int)body], hash);
        if (!hash.SequenceEqual(bytes[(int)body..]))
        {
            return null;
        }

        var values = new DocumentLogProb[expectedCount];
        var at = Magic.Length + sizeof(int);
        for (var i = 0; i < values.Length; i++, at += RowBytes)
        {
            values[i] = new DocumentLogProb(BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]), BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + sizeof(int))..]));
        }

        return values;
    }

    /// <summary>Size of an entry of <paramref name="documents"/> documents, in bytes.</summary>
    public static long Size(int documents) => Magic.Length + sizeof(int) + ((long)documents * RowBytes) + HashBytes;
}
