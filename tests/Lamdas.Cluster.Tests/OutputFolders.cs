namespace Lamdas.Cluster.Tests;

/// <summary>Compares output folders file by file, byte by byte.</summary>
internal static class OutputFolders
{
    public static SortedDictionary<string, byte[]> Read(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    public static void AssertIdentical(string expectedFolder, string actualFolder)
    {
        var expected = Read(expectedFolder);
        var actual = Read(actualFolder);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs");
        }
    }
}
