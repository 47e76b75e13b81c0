namespace Lamdas.Storage.Tests;

public sealed class StorageUriTests
{
    [Theory]
    [InlineData("out/selected", "part-00000.jsonl", "out/selected/part-00000.jsonl")]
    [InlineData("/data/out/", "a/b.parquet", "/data/out/a/b.parquet")]
    [InlineData("az://corpus/runs/7", "selected/part-00001.jsonl.zst", "az://corpus/runs/7/selected/part-00001.jsonl.zst")]
    [InlineData("az://corpus/", "x", "az://corpus/x")]
    [InlineData("https://acct.blob.core.windows.net/c/out", "scores.parquet", "https://acct.blob.core.windows.net/c/out/scores.parquet")]
    [InlineData("file:///tmp/out", "x.jsonl", "file:///tmp/out/x.jsonl")]
    [InlineData("out", "", "out")]
    public void CombineAppendsARelativePath(string baseUri, string relative, string expected) =>
        Assert.Equal(expected, StorageUri.Combine(baseUri, relative));

    [Theory]
    [InlineData("/abs")]
    [InlineData("az://c/x")]
    public void CombineRejectsNonRelativePaths(string relative) =>
        Assert.Throws<ArgumentException>(() => StorageUri.Combine("out", relative));

    [Theory]
    [InlineData("az://c/x", true)]
    [InlineData("AZ://c/x", true)]
    [InlineData("https://acct.blob.core.windows.net/c/x", true)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/c/x", true)]
    [InlineData("/data/x.jsonl", false)]
    [InlineData("data/x.jsonl", false)]
    [InlineData("file:///data/x.jsonl", false)]
    public void IsBlobRecognisesBlobSchemes(string uri, bool expected) => Assert.Equal(expected, StorageUri.IsBlob(uri));

    [Theory]
    [InlineData("/data/in/a.jsonl.gz", "a.jsonl.gz")]
    [InlineData("az://c/in/b.parquet", "b.parquet")]
    [InlineData("https://acct.blob.core.windows.net/c/in/my%20file.jsonl?x=1", "my file.jsonl")]
    [InlineData("az://c/in/", "")]
    [InlineData("plain.jsonl", "plain.jsonl")]
    public void FileNameIsTheLastSegment(string uri, string expected) => Assert.Equal(expected, StorageUri.FileName(uri));
}
