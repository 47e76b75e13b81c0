using System.Buffers.Binary;

namespace Lamdas.Selection;

/// <summary>
/// Compact binary form of the KLL sketch, little-endian: "LQS" + version 1 (4 bytes), int32 K, int64 Count,
/// float64 Min, float64 Max, uint64 random state, int32 level count, then per level int32 n followed by n float64.
/// About 8 bytes per retained value; <see cref="FromBytes"/> restores an identical sketch (same future behaviour).
/// </summary>
public sealed partial class QuantileSketch
{
    private static ReadOnlySpan<byte> Magic => "LQS\u0001"u8;

    /// <summary>Serialises the sketch.</summary>
    public byte[] ToBytes()
    {
        var size = 4 + 4 + 8 + 8 + 8 + 8 + 4 + _levels.Sum(level => 4 + 8 * level.Count);
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var at = 4;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], K);
        BinaryPrimitives.WriteInt64LittleEndian(span[(at += 4)..], Count);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(at += 8)..], Min);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(at += 8)..], Max);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(at += 8)..], _randomState);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at += 8)..], _levels.Count);
        at += 4;
        foreach (var level in _levels)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], level.Count);
            at += 4;
            foreach (var value in level)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value);
                at += 8;
            }
        }

        return bytes;
    }

    /// <summary>Restores a sketch written by <see cref="ToBytes"/>; throws <see cref="FormatException"/> on malformed input.</summary>
    public static QuantileSketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        const int header = 44;
        if (bytes.Length < header || !bytes[..4].SequenceEqual(Magic))
        {
            throw new FormatException("Not a serialised QuantileSketch (bad magic or too short).");
        }

        var k = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var count = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        var min = BinaryPrimitives.ReadDoubleLittleEndian(bytes[16..]);
        var max = BinaryPrimitives.ReadDoubleLittleEndian(bytes[24..]);
        var state = BinaryPrimitives.ReadUInt64LittleEndian(bytes[32..]);
        var levelCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[40..]);
        if (k is < MinK or > MaxK || count < 0 || levelCount is < 1 or > 64)
        {
            throw new FormatException("QuantileSketch: K, count or level count out of range.");
        }

        var sketch = new QuantileSketch(k, state);
        while (sketch._levels.Count < levelCount)
        {
            sketch.Grow();
        }

        var at = header;
        var weight = 0.0;
        for (var h = 0; h < levelCount; h++)
        {
            if (bytes.Length - at < 4)
            {
                throw new FormatException("QuantileSketch: truncated.");
            }

            var n = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            at += 4;
            if (n < 0 || (bytes.Length - at) / 8 < n)
            {
                throw new FormatException("QuantileSketch: truncated level.");
            }

            for (var i = 0; i < n; i++, at += 8)
            {
                var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]);
                if (double.IsNaN(value))
                {
                    throw new FormatException("QuantileSketch: NaN item.");
                }

                sketch._levels[h].Add(value);
            }

            sketch._retained += n;
            weight += n * Math.Pow(2, h);
        }

        if (at != bytes.Length || weight != count || (count > 0 && !(min <= max)))
        {
            throw new FormatException("QuantileSketch: trailing bytes, or the item weights do not add up to the count.");
        }

        sketch.Count = count;
        sketch.Min = count == 0 ? double.NaN : min;
        sketch.Max = count == 0 ? double.NaN : max;
        return sketch;
    }
}
