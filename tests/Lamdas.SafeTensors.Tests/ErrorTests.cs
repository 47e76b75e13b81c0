using System.Buffers.Binary;

namespace Lamdas.SafeTensors.Tests;

public sealed class ErrorTests
{
    private const string QProj = "model.layers.0.self_attn.q_proj.weight";

    [Fact]
    public void MissingTensorIsNamedWithTheDirectory()
    {
        using var dir = new TempDirectory();
        SafeTensorWriter.Write(dir.FilePath("model.safetensors"), [new SafeTensorEntry("other", SafeTensorDType.F32, [1], new float[1])]);
        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir.Path);

        var ex = Assert.Throws<SafeTensorsException>(() => checkpoint.GetInfo(QProj));
        Assert.Equal($"tensor '{QProj}' not found in {Path.GetFullPath(dir.Path)}", ex.Message);
        Assert.Throws<SafeTensorsException>(() => checkpoint.ReadAsFloat32(QProj, new float[1]));
    }

    [Fact]
    public void WrongShapeNamesTensorAndBothShapes()
    {
        using var dir = new TempDirectory();
        SafeTensorWriter.Write(dir.FilePath("model.safetensors"), [new SafeTensorEntry(QProj, SafeTensorDType.BF16, [4, 2], new float[8])]);
        using SafeTensorCheckpoint checkpoint = SafeTensorCheckpoint.Open(dir.Path);

        var ex = Assert.Throws<SafeTensorsException>(() => checkpoint.ReadAsFloat32(QProj, [2, 4], new float[8]));
        Assert.Contains(QProj, ex.Message);
        Assert.Contains("[4, 2]", ex.Message);
        Assert.Contains("[2, 4]", ex.Message);
    }

    [Fact]
    public void WrongDestinationLengthNamesTensorAndFile()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("w.safetensors");
        SafeTensorWriter.Write(path, [new SafeTensorEntry("w", SafeTensorDType.F32, [3], new float[3])]);
        using SafeTensorFile file = SafeTensorFile.Open(path);

        var ex = Assert.Throws<SafeTensorsException>(() => file.ReadAsFloat32("w", new float[2]));
        Assert.Contains("'w'", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void IntegerTensorCannotBeReadAsFloat()
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(dir, "ids.safetensors", """{"ids":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}""", 1, 0, 0, 0);
        using SafeTensorFile file = SafeTensorFile.Open(path);

        var ex = Assert.Throws<SafeTensorsException>(() => file.ReadAsFloat32("ids", new float[1]));
        Assert.Contains("'ids'", ex.Message);
        Assert.Contains("I32", ex.Message);
    }

    [Fact]
    public void TruncatedDataIsReported()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("cut.safetensors");
        SafeTensorWriter.Write(path, [new SafeTensorEntry("w", SafeTensorDType.F32, [100], new float[100])]);
        byte[] full = File.ReadAllBytes(path);
        File.WriteAllBytes(path, full[..^10]);

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorFile.Open(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("'w'", ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void HeaderLengthBeyondFileIsReported()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("long-header.safetensors");
        byte[] bytes = HandBuiltFile.Build("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 0, 0, 0, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorFile.Open(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("header length 1000000", ex.Message);
    }

    [Fact]
    public void FileShorterThanLengthPrefixIsReported()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorFile.Open(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("too short", ex.Message);
    }

    [Fact]
    public void EmptyFileIsReported()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("empty.safetensors");
        File.WriteAllBytes(path, []);

        Assert.Throws<SafeTensorsException>(() => SafeTensorFile.Open(path));
    }

    [Fact]
    public void MissingFileIsReported()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("absent.safetensors");

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorFile.Open(path));
        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData("""not json at all""", "not valid JSON")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}""", "'Q4'")]
    [InlineData("""{"w":{"shape":[1],"data_offsets":[0,4]}}""", "dtype")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "shape")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", "data_offsets")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", "data_offsets [4, 0]")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "needs 8")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"v":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}""", "overlap")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "more than once")]
    [InlineData("""{"__metadata__":{"n":1},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "metadata value 'n'")]
    public void MalformedHeaderIsReportedWithTheFile(string header, string expectedFragment)
    {
        using var dir = new TempDirectory();
        string path = HandBuiltFile.Save(dir, "bad.safetensors", header, new byte[8]);

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorFile.Open(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expectedFragment, ex.Message);
    }

    [Fact]
    public void DirectoryWithoutWeightsIsReported()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.FilePath("config.json"), "{}");

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorCheckpoint.Open(dir.Path));
        Assert.Contains("model.safetensors", ex.Message);
        Assert.Contains("model.safetensors.index.json", ex.Message);
        Assert.Contains(dir.Path, ex.Message);
    }

    [Fact]
    public void IndexListingMissingShardNamesTheShard()
    {
        using var dir = new TempDirectory();
        SafeTensorWriter.Write(dir.FilePath("model-00001-of-00002.safetensors"), [new SafeTensorEntry("a", SafeTensorDType.F32, [1], new float[1])]);
        File.WriteAllText(
            dir.FilePath("model.safetensors.index.json"),
            """{"metadata":{"total_size":8},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.safetensors"}}""");

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorCheckpoint.Open(dir.Path));
        Assert.Contains("model-00002-of-00002.safetensors", ex.Message);
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void IndexTensorAbsentFromItsShardNamesTensorAndShard()
    {
        using var dir = new TempDirectory();
        SafeTensorWriter.Write(dir.FilePath("model-00001-of-00001.safetensors"), [new SafeTensorEntry("a", SafeTensorDType.F32, [1], new float[1])]);
        File.WriteAllText(
            dir.FilePath("model.safetensors.index.json"),
            $$$"""{"metadata":{"total_size":8},"weight_map":{"a":"model-00001-of-00001.safetensors","{{{QProj}}}":"model-00001-of-00001.safetensors"}}""");

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorCheckpoint.Open(dir.Path));
        Assert.Contains(QProj, ex.Message);
        Assert.Contains("model-00001-of-00001.safetensors", ex.Message);
    }

    [Fact]
    public void IndexShardOutsideTheDirectoryIsRejected()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(
            dir.FilePath("model.safetensors.index.json"),
            """{"weight_map":{"a":"../elsewhere.safetensors"}}""");

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorCheckpoint.Open(dir.Path));
        Assert.Contains("../elsewhere.safetensors", ex.Message);
    }

    [Fact]
    public void IndexWithoutWeightMapIsReported()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.FilePath("model.safetensors.index.json"), """{"metadata":{}}""");

        var ex = Assert.Throws<SafeTensorsException>(() => SafeTensorCheckpoint.Open(dir.Path));
        Assert.Contains("weight_map", ex.Message);
        Assert.Contains("model.safetensors.index.json", ex.Message);
    }

    [Fact]
    public void ReadingAfterDisposeThrows()
    {
        using var dir = new TempDirectory();
        string path = dir.FilePath("w.safetensors");
        SafeTensorWriter.Write(path, [new SafeTensorEntry("w", SafeTensorDType.F32, [1], new float[1])]);
        SafeTensorFile file = SafeTensorFile.Open(path);
        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.ReadAsFloat32("w", new float[1]));
    }
}
