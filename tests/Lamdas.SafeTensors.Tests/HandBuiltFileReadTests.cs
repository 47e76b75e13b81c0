namespace Lamdas.SafeTensors.Tests;

public sealed class HandBuiltFileReadTests
{
    [Fact]
    public void F32ValuesAndMetadataAreRead()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "f32.safetensors",
            """{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}""",
            HandBuiltFile.LittleEndianUInt32(0x3F800000, 0xC0200000, 0x00000000, 0x42F60000));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var values = new float[4];
        file.ReadAsFloat32("w", values);

        Assert.Equal([1.0f, -2.5f, 0.0f, 123.0f], values);
        Assert.Equal("pt", file.Metadata["format"]);
        TensorInfo info = file.Tensors["w"];
        Assert.Equal(SafeTensorDType.F32, info.DType);
        Assert.Equal([2L, 2L], info.Shape);
        Assert.Equal(4, info.ElementCount);
        Assert.Equal(Path.GetFullPath(path), info.FilePath);
    }

    [Fact]
    public void F16KnownBitPatternsAreRead()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "f16.safetensors",
            """{"h":{"dtype":"F16","shape":[6],"data_offsets":[0,12]}}""",
            HandBuiltFile.LittleEndianUInt16(0x3C00, 0xC100, 0x7C00, 0x0001, 0x8000, 0x7BFF));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var values = new float[6];
        file.ReadAsFloat32("h", values);

        Assert.Equal(1.0f, values[0]);
        Assert.Equal(-2.5f, values[1]);
        Assert.Equal(float.PositiveInfinity, values[2]);
        Assert.Equal(5.9604645E-08f, values[3]);
        Assert.Equal(0x80000000u, BitConverter.SingleToUInt32Bits(values[4]));
        Assert.Equal(65504.0f, values[5]);
    }

    [Fact]
    public void BF16KnownBitPatternsAreRead()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "bf16.safetensors",
            """{"b":{"dtype":"BF16","shape":[4],"data_offsets":[0,8]}}""",
            HandBuiltFile.LittleEndianUInt16(0x3F80, 0xC020, 0x7FC0, 0x4049));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var values = new float[4];
        file.ReadAsFloat32("b", values);

        Assert.Equal(1.0f, values[0]);
        Assert.Equal(-2.5f, values[1]);
        Assert.True(float.IsNaN(values[2]));
        Assert.Equal(3.140625f, values[3]);
    }

    [Fact]
    public void F64ValuesAreNarrowed()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "f64.safetensors",
            """{"d":{"dtype":"F64","shape":[3],"data_offsets":[0,24]}}""",
            HandBuiltFile.LittleEndianUInt64(0x3FF0000000000000, 0xC004000000000000, 0x3FB999999999999A));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var values = new float[3];
        file.ReadAsFloat32("d", values);

        Assert.Equal([1.0f, -2.5f, 0.1f], values);
    }

    [Fact]
    public void ScalarHasEmptyShapeAndOneElement()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "scalar.safetensors",
            """{"s":{"dtype":"BF16","shape":[],"data_offsets":[0,2]}}""",
            HandBuiltFile.LittleEndianUInt16(0xC020));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        TensorInfo info = file.Tensors["s"];
        var value = new float[1];
        file.ReadAsFloat32("s", value);

        Assert.Empty(info.Shape);
        Assert.Equal(1, info.ElementCount);
        Assert.Equal(-2.5f, value[0]);
    }

    [Fact]
    public void ZeroSizedTensorIsAllowed()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "empty.safetensors",
            """{"e":{"dtype":"F32","shape":[0,4],"data_offsets":[0,0]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""",
            HandBuiltFile.LittleEndianUInt32(0x3F800000));

        using SafeTensorFile file = SafeTensorFile.Open(path);
        file.ReadAsFloat32("e", Span<float>.Empty);
        var x = new float[1];
        file.ReadAsFloat32("x", x);

        Assert.Equal(0, file.Tensors["e"].ElementCount);
        Assert.Equal(1.0f, x[0]);
    }

    [Fact]
    public void IntegerDTypesAreParsedAndExposedAsRawBytes()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(
            dir,
            "ints.safetensors",
            """{"i64":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"i32":{"dtype":"I32","shape":[1],"data_offsets":[8,12]},"i16":{"dtype":"I16","shape":[1],"data_offsets":[12,14]},"i8":{"dtype":"I8","shape":[1],"data_offsets":[14,15]},"u8":{"dtype":"U8","shape":[1],"data_offsets":[15,16]},"flag":{"dtype":"BOOL","shape":[2],"data_offsets":[16,18]}}""",
            [7, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 2, 0, 0x80, 200, 1, 0]);

        using SafeTensorFile file = SafeTensorFile.Open(path);

        Assert.Equal(SafeTensorDType.I64, file.Tensors["i64"].DType);
        Assert.Equal(SafeTensorDType.I32, file.Tensors["i32"].DType);
        Assert.Equal(SafeTensorDType.I16, file.Tensors["i16"].DType);
        Assert.Equal(SafeTensorDType.I8, file.Tensors["i8"].DType);
        Assert.Equal(SafeTensorDType.U8, file.Tensors["u8"].DType);
        Assert.Equal(SafeTensorDType.BOOL, file.Tensors["flag"].DType);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, file.GetRawBytes("i32").ToArray());
        Assert.Equal(new byte[] { 1, 0 }, file.GetRawBytes("flag").ToArray());
    }

    [Fact]
    public void GetRawBytesReturnsStoredBytes()
    {
        using var dir = new TempDirectory();
        byte[] data = HandBuiltFile.LittleEndianUInt16(0x3C00, 0xC100);
        string path = HandBuiltFile.Save(dir, "raw.safetensors", """{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", data);

        using SafeTensorFile file = SafeTensorFile.Open(path);

        Assert.Equal(new byte[] { 0x00, 0x3C, 0x00, 0xC1 }, file.GetRawBytes("h").ToArray());
    }

    [Fact]
    public void TensorsAtOddOffsetsAreReadAcrossVectorWidthsAndTails()
    {
        const int count = 37;
        var halfBits = new ushort[count];
        var bfloatBits = new ushort[count];
        var floatBits = new uint[count];
        for (int i = 0; i < count; i++)
        {
            halfBits[i] = (ushort)(0x3C00 + (i << 6));
            bfloatBits[i] = (ushort)(0xBF80 + i);
            floatBits[i] = 0x40000000u + ((uint)i << 12);
        }

        byte[] data = [1, .. HandBuiltFile.LittleEndianUInt16(halfBits), .. HandBuiltFile.LittleEndianUInt16(bfloatBits), .. HandBuiltFile.LittleEndianUInt32(floatBits)];
        string header =
            $$$"""{"pad":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"h":{"dtype":"F16","shape":[{{{count}}}],"data_offsets":[1,{{{1 + (2 * count)}}}]},"b":{"dtype":"BF16","shape":[{{{count}}}],"data_offsets":[{{{1 + (2 * count)}}},{{{1 + (4 * count)}}}]},"f":{"dtype":"F32","shape":[{{{count}}}],"data_offsets":[{{{1 + (4 * count)}}},{{{1 + (8 * count)}}}]}}""";
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(dir, "odd.safetensors", header, data);

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var h = new float[count];
        var b = new float[count];
        var f = new float[count];
        file.ReadAsFloat32("h", h);
        file.ReadAsFloat32("b", b);
        file.ReadAsFloat32("f", f);

        for (int i = 0; i < count; i++)
        {
            Assert.Equal((float)BitConverter.UInt16BitsToHalf(halfBits[i]), h[i]);
            Assert.Equal(BitConverter.UInt32BitsToSingle((uint)bfloatBits[i] << 16), b[i]);
            Assert.Equal(BitConverter.UInt32BitsToSingle(floatBits[i]), f[i]);
        }
    }
}
