namespace Lamdas.SafeTensors.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(SafeTensorDType.F32)]
    [InlineData(SafeTensorDType.F16)]
    [InlineData(SafeTensorDType.BF16)]
    [InlineData(SafeTensorDType.F64)]
    public void ExactlyRepresentableValuesSurviveWriteAndRead(SafeTensorDType dtype)
    {
        // Every value here is exact in F16 and BF16 (at most 8 significant bits, small exponents).
        float[] values = [1.0f, -2.5f, 0.0f, 0.5f, -0.375f, 3.0f, 96.0f, -0.015625f, 2.75f, 7.0f, -1.5f, 0.25f];
        using var dir = new TempDirectory();
        string path = dir.FilePath("rt.safetensors");

        SafeTensorWriter.Write(path, [new SafeTensorEntry("t", dtype, [3, 4], values)]);

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var read = new float[12];
        file.ReadAsFloat32("t", read);
        Assert.Equal(values, read);
        Assert.Equal(dtype, file.Tensors["t"].DType);
        Assert.Equal([3L, 4L], file.Tensors["t"].Shape);
    }

    [Fact]
    public void ManyTensorsOfMixedDTypesKeepOrderMetadataAndValues()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("mixed.safetensors");
        float[] large = Enumerable.Range(0, 1000).Select(i => (float)(i - 500)).ToArray();
        float[] bfloatExact = Enumerable.Range(0, 1000).Select(i => (float)((i % 256) - 128)).ToArray();

        SafeTensorWriter.Write(
            path,
            [
                new SafeTensorEntry("z.first", SafeTensorDType.F16, [3], new float[] { 1, 2, 3 }),
                new SafeTensorEntry("a.second", SafeTensorDType.F32, [10, 100], large),
                new SafeTensorEntry("m.third", SafeTensorDType.BF16, [1000], bfloatExact),
                new SafeTensorEntry("scalar", SafeTensorDType.F32, [], new float[] { 42 }),
            ],
            new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" and ünïcode" });

        using SafeTensorFile file = SafeTensorFile.Open(path);
        Assert.Equal(["z.first", "a.second", "m.third", "scalar"], file.Tensors.Keys);
        Assert.Equal("quote \" and ünïcode", file.Metadata["note"]);

        var first = new float[3];
        file.ReadAsFloat32("z.first", first);
        Assert.Equal([1f, 2f, 3f], first);

        var second = new float[1000];
        file.ReadAsFloat32("a.second", second);
        Assert.Equal(large, second);

        var third = new float[1000];
        file.ReadAsFloat32("m.third", third);
        Assert.Equal(bfloatExact, third);

        var scalar = new float[1];
        file.ReadAsFloat32("scalar", scalar);
        Assert.Equal(42f, scalar[0]);
    }

    [Fact]
    public void LossyConversionsReadBackTheRoundedValue()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("lossy.safetensors");
        float[] values = [0.1f, 1.00390625f, 1.01171875f];

        SafeTensorWriter.Write(
            path,
            [
                new SafeTensorEntry("h", SafeTensorDType.F16, [3], values),
                new SafeTensorEntry("b", SafeTensorDType.BF16, [3], values),
            ]);

        using SafeTensorFile file = SafeTensorFile.Open(path);
        var h = new float[3];
        var b = new float[3];
        file.ReadAsFloat32("h", h);
        file.ReadAsFloat32("b", b);

        Assert.Equal(values.Select(v => (float)(Half)v), h);
        // bf16(0.1f) is 0x3DCD (0.1f = 0x3DCCCCCD rounds up); the two ties round to even.
        Assert.Equal([BitConverter.UInt32BitsToSingle(0x3DCD0000), 1.0f, 1.015625f], b);
    }

    [Fact]
    public void CheckpointReadsSingleFileDirectory()
    {
        using var dir = new TempDirectory();
        SafeTensorWriter.Write(
            dir.FilePath("model.safetensors"),
            [new SafeTensorEntry("model.embed_tokens.weight", SafeTensorDType.BF16, [2, 2], new float[] { 1, 2, 3, 4 })]);

        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir.Path);
        var values = new float[4];
        checkpoint.ReadAsFloat32("model.embed_tokens.weight", [2, 2], values);

        Assert.Equal(["model.embed_tokens.weight"], checkpoint.TensorNames);
        Assert.Equal([1f, 2f, 3f, 4f], values);
        Assert.True(checkpoint.TryGetInfo("model.embed_tokens.weight", out TensorInfo? info));
        Assert.Equal(SafeTensorDType.BF16, info.DType);
        Assert.False(checkpoint.TryGetInfo("lm_head.weight", out _));
    }
}
