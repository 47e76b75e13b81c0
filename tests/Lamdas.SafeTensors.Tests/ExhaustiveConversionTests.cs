namespace Lamdas.SafeTensors.Tests;

public sealed class ExhaustiveConversionTests
{
    private static readonly ushort[] AllBitPatterns = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();

    [Fact]
    public void EveryF16BitPatternMatchesSystemHalf()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "all-f16.safetensors",
            """{"h":{"dtype":"F16","shape":[65536],"data_offsets":[0,131072]}}""",
            HandBuiltFile.LittleEndianUInt16(AllBitPatterns));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var values = new float[65536];
        file.ReadAsFloat32("h", values);

        for (int i = 0; i < 65536; i++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)i);
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(values[i]), $"0x{i:X4} should be NaN");
                Assert.Equal(float.IsNegative(expected), float.IsNegative(values[i]));
            }
            else
            {
                Assert.True(
                    BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(values[i]),
                    $"0x{i:X4}: expected {expected} got {values[i]}");
            }
        }
    }

    [Fact]
    public void EveryBF16BitPatternIsTheUpperHalfOfFloat32()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "all-bf16.safetensors",
            """{"b":{"dtype":"BF16","shape":[256,256],"data_offsets":[0,131072]}}""",
            HandBuiltFile.LittleEndianUInt16(AllBitPatterns));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var values = new float[65536];
        file.ReadAsFloat32("b", values);

        for (int i = 0; i < 65536; i++)
        {
            Assert.Equal((uint)i << 16, BitConverter.SingleToUInt32Bits(values[i]));
        }
    }
}
