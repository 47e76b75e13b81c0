using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lamdas.SafeTensors;

/// <summary>Converts float32 values to little-endian F32/F16/BF16/F64 bytes.</summary>
internal static class Float32Encoder
{
    /// <summary>Encodes all of <paramref name="source"/>; <paramref name="destination"/> must hold exactly the encoded bytes.</summary>
    public static void Encode(SafeTensorDType dtype, ReadOnlySpan<float> source, Span<byte> destination)
    {
        switch (dtype)
        {
            case SafeTensorDType.F32:
                MemoryMarshal.AsBytes(source).CopyTo(destination);
                break;
            case SafeTensorDType.F16:
                for (int i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(destination.Slice(i * 2), (Half)source[i]);
                }

                break;
            case SafeTensorDType.BF16:
                for (int i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(i * 2), ToBFloat16Bits(source[i]));
                }

                break;
            case SafeTensorDType.F64:
                for (int i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(destination.Slice(i * 8), source[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only F32, F16, BF16 and F64 can be written from float32.");
        }
    }

    /// <summary>bfloat16 bits of <paramref name="value"/>, rounded to nearest even; NaN stays NaN (sign and upper payload kept, quiet bit set).</summary>
    public static ushort ToBFloat16Bits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x0040u);
        }

        uint roundingBias = 0x7FFFu + ((bits >> 16) & 1u);
        return (ushort)((bits + roundingBias) >> 16);
    }
}
