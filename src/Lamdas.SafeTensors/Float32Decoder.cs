using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Lamdas.SafeTensors;

/// <summary>Converts little-endian F32/F16/BF16/F64 bytes to float32.</summary>
internal static class Float32Decoder
{
    private const uint HalfExponentMaskShifted = 0x7C00u << 13;
    private const uint ExponentRebias = (127 - 15) << 23;
    private const uint InfNanRebias = (128 - 16) << 23;
    private const uint SubnormalMagicBits = 113u << 23;

    /// <summary>Decodes <paramref name="destination"/>.Length elements; <paramref name="source"/> must hold exactly that many.</summary>
    public static void Decode(SafeTensorDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case SafeTensorDType.F32:
                source.CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case SafeTensorDType.BF16:
                DecodeBFloat16(source, destination);
                break;
            case SafeTensorDType.F16:
                DecodeHalf(source, destination);
                break;
            case SafeTensorDType.F64:
                DecodeDouble(source, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only F32, F16, BF16 and F64 convert to float32.");
        }
    }

    private static void DecodeBFloat16(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = destination.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = Vector<ushort>.Count;
            int half = Vector<uint>.Count;
            for (; i <= count - step; i += step)
            {
                var bits = new Vector<ushort>(source.Slice(i * 2));
                Vector.Widen(bits, out Vector<uint> low, out Vector<uint> high);
                Vector.AsVectorSingle(low << 16).CopyTo(destination.Slice(i));
                Vector.AsVectorSingle(high << 16).CopyTo(destination.Slice(i + half));
            }
        }

        for (; i < count; i++)
        {
            uint bits = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(i * 2));
            destination[i] = BitConverter.UInt32BitsToSingle(bits << 16);
        }
    }

    private static void DecodeHalf(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = destination.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = Vector<ushort>.Count;
            int half = Vector<uint>.Count;
            for (; i <= count - step; i += step)
            {
                var bits = new Vector<ushort>(source.Slice(i * 2));
                Vector.Widen(bits, out Vector<uint> low, out Vector<uint> high);
                HalfBitsToSingle(low).CopyTo(destination.Slice(i));
                HalfBitsToSingle(high).CopyTo(destination.Slice(i + half));
            }
        }

        for (; i < count; i++)
        {
            destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source.Slice(i * 2));
        }
    }

    /// <summary>
    /// Widens IEEE binary16 bit patterns (one per 32-bit lane) to binary32: rebias the exponent,
    /// push Inf/NaN to the float32 maximum exponent, and renormalise subnormals with a magic subtraction.
    /// </summary>
    private static Vector<float> HalfBitsToSingle(Vector<uint> bits)
    {
        Vector<uint> sign = (bits & new Vector<uint>(0x8000u)) << 16;
        Vector<uint> magnitude = (bits & new Vector<uint>(0x7FFFu)) << 13;
        Vector<uint> exponent = magnitude & new Vector<uint>(HalfExponentMaskShifted);
        Vector<uint> rebiased = magnitude + new Vector<uint>(ExponentRebias);

        Vector<uint> isInfOrNan = Vector.Equals(exponent, new Vector<uint>(HalfExponentMaskShifted));
        rebiased += isInfOrNan & new Vector<uint>(InfNanRebias);

        Vector<uint> isZeroOrSubnormal = Vector.Equals(exponent, Vector<uint>.Zero);
        Vector<float> subnormal = Vector.AsVectorSingle(rebiased + new Vector<uint>(1u << 23))
            - new Vector<float>(BitConverter.UInt32BitsToSingle(SubnormalMagicBits));
        Vector<float> value = Vector.ConditionalSelect(
            Vector.AsVectorInt32(isZeroOrSubnormal),
            subnormal,
            Vector.AsVectorSingle(rebiased));

        return Vector.AsVectorSingle(Vector.AsVectorUInt32(value) | sign);
    }

    private static void DecodeDouble(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = destination.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = Vector<float>.Count;
            int vectorBytes = Vector<byte>.Count;
            for (; i <= count - step; i += step)
            {
                var low = new Vector<double>(source.Slice(i * 8));
                var high = new Vector<double>(source.Slice((i * 8) + vectorBytes));
                Vector.Narrow(low, high).CopyTo(destination.Slice(i));
            }
        }

        for (; i < count; i++)
        {
            destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(i * 8));
        }
    }
}
