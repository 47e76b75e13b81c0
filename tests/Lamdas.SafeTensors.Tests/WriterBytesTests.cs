using System.Buffers.Binary;
using System.Text;

namespace Lamdas.SafeTensors.Tests;

public sealed class WriterBytesTests
{
    [Fact]
    public void OutputMatchesHandComputedBytesWithMetadataAndPadding()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("small.safetensors");

        SafeTensorWriter.Write(
            path,
            [
                new SafeTensorEntry("a", SafeTensorDType.F32, [2], new float[] { 1.0f, -2.5f }),
                new SafeTensorEntry("b", SafeTensorDType.BF16, [], new float[] { 1.0f }),
            ],
            new Dictionary<string, string> { ["format"] = "pt" });

        const string json = """{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[],"data_offsets":[8,10]}}""";
        byte[] expected =
        [
            0x90, 0, 0, 0, 0, 0, 0, 0,
            .. Encoding.ASCII.GetBytes(json + "     "),
            0x00, 0x00, 0x80, 0x3F,
            0x00, 0x00, 0x20, 0xC0,
            0x80, 0x3F,
        ];
        Assert.Equal(139, json.Length);
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void OutputWithoutMetadataNeedsNoPaddingWhenAligned()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("f16.safetensors");

        SafeTensorWriter.Write(path, [new SafeTensorEntry("w", SafeTensorDType.F16, [1, 2], new float[] { 1.0f, -2.5f })]);

        const string json = """{"w":{"dtype":"F16","shape":[1,2],"data_offsets":[0,4]}}""";
        byte[] expected =
        [
            56, 0, 0, 0, 0, 0, 0, 0,
            .. Encoding.ASCII.GetBytes(json),
            0x00, 0x3C,
            0x00, 0xC1,
        ];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void EmptyTensorListWritesAPaddedEmptyHeader()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("none.safetensors");

        SafeTensorWriter.Write(path, []);

        byte[] expected = [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', .. "      "u8];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void F64IsWrittenAsLittleEndianDouble()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("f64.safetensors");

        SafeTensorWriter.Write(path, [new SafeTensorEntry("d", SafeTensorDType.F64, [1], new float[] { -2.5f })]);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(0xC004000000000000UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8)));
    }

    [Theory]
    [InlineData(1.0f, (ushort)0x3F80)]
    [InlineData(-2.5f, (ushort)0xC020)]
    [InlineData(0.0f, (ushort)0x0000)]
    [InlineData(float.PositiveInfinity, (ushort)0x7F80)]
    [InlineData(float.NegativeInfinity, (ushort)0xFF80)]
    [InlineData(float.MaxValue, (ushort)0x7F80)]
    public void BF16KnownValues(float value, ushort bits)
    {
        Assert.Equal(bits, WriteSingle(SafeTensorDType.BF16, value));
    }

    [Theory]
    [InlineData(0x3F808000u, (ushort)0x3F80)]
    [InlineData(0x3F818000u, (ushort)0x3F82)]
    [InlineData(0x3F808001u, (ushort)0x3F81)]
    [InlineData(0x3F807FFFu, (ushort)0x3F80)]
    [InlineData(0xBF818000u, (ushort)0xBF82)]
    public void BF16RoundsToNearestEven(uint floatBits, ushort bits)
    {
        Assert.Equal(bits, WriteSingle(SafeTensorDType.BF16, BitConverter.UInt32BitsToSingle(floatBits)));
    }

    [Theory]
    [InlineData(0x7FC00000u)]
    [InlineData(0x7F800001u)]
    [InlineData(0xFFC00000u)]
    [InlineData(0x7FFFFFFFu)]
    public void BF16KeepsNaN(uint floatBits)
    {
        ushort bits = WriteSingle(SafeTensorDType.BF16, BitConverter.UInt32BitsToSingle(floatBits));

        Assert.Equal(0x7F80, bits & 0x7F80);
        Assert.NotEqual(0, bits & 0x007F);
        Assert.Equal(floatBits >> 31, (uint)bits >> 15);
    }

    [Theory]
    [InlineData(1.0f, (ushort)0x3C00)]
    [InlineData(-2.5f, (ushort)0xC100)]
    [InlineData(65504.0f, (ushort)0x7BFF)]
    [InlineData(65520.0f, (ushort)0x7C00)]
    [InlineData(5.9604645E-08f, (ushort)0x0001)]
    public void F16KnownValues(float value, ushort bits)
    {
        Assert.Equal(bits, WriteSingle(SafeTensorDType.F16, value));
    }

    [Fact]
    public void F16RoundsToNearestEven()
    {
        // 1 + 2^-11 lies halfway between 0x3C00 and 0x3C01 and rounds to the even 0x3C00;
        // 1 + 3*2^-11 lies halfway between 0x3C01 and 0x3C02 and rounds to the even 0x3C02.
        Assert.Equal(0x3C00, WriteSingle(SafeTensorDType.F16, 1.0f + MathF.Pow(2, -11)));
        Assert.Equal(0x3C02, WriteSingle(SafeTensorDType.F16, 1.0f + (3 * MathF.Pow(2, -11))));
    }

    [Fact]
    public void WriteReplacesExistingFileAndLeavesNoTemporaryFiles()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("model.safetensors");
        File.WriteAllText(path, "old contents");

        SafeTensorWriter.Write(path, [new SafeTensorEntry("x", SafeTensorDType.F32, [1], new float[] { 1.0f })]);

        Assert.Equal([path], Directory.GetFiles(dir.Path));
        using SafeTensorFile file = SafeTensorFile.Open(path);
        Assert.Equal(["x"], file.Tensors.Keys);
    }

    [Fact]
    public void WriteRejectsDataThatDoesNotMatchTheShape()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<ArgumentException>(() => SafeTensorWriter.Write(
            dir.FilePath("bad.safetensors"),
            [new SafeTensorEntry("w", SafeTensorDType.F32, [2, 3], new float[5])]));

        Assert.Contains("'w'", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriteRejectsDuplicateNamesAndNonFloatDTypes()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("bad.safetensors");

        Assert.Throws<ArgumentException>(() => SafeTensorWriter.Write(
            path,
            [
                new SafeTensorEntry("w", SafeTensorDType.F32, [1], new float[1]),
                new SafeTensorEntry("w", SafeTensorDType.F32, [1], new float[1]),
            ]));
        Assert.Throws<ArgumentException>(() => SafeTensorWriter.Write(
            path,
            [new SafeTensorEntry("i", SafeTensorDType.I32, [1], new float[1])]));
    }

    private static ushort WriteSingle(SafeTensorDType dtype, float value)
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("one.safetensors");
        SafeTensorWriter.Write(path, [new SafeTensorEntry("v", dtype, [], new[] { value })]);
        byte[] bytes = File.ReadAllBytes(path);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(bytes.Length - 2));
    }
}
