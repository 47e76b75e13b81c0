namespace Lamdas.Formats.Tests;

public sealed class RecordFormatsTests
{
    [Theory]
    [InlineData("/data/a.jsonl", RecordFormat.Jsonl)]
    [InlineData("az://c/in/b.NDJSON", RecordFormat.Jsonl)]
    [InlineData("/data/a.jsonl.gz", RecordFormat.JsonlGzip)]
    [InlineData("/data/a.ndjson.gz", RecordFormat.JsonlGzip)]
    [InlineData("https://acct.blob.core.windows.net/c/x.jsonl.zst", RecordFormat.JsonlZstd)]
    [InlineData("part-00000.parquet", RecordFormat.Parquet)]
    public void DetectsByName(string uri, RecordFormat expected) => Assert.Equal(expected, RecordFormats.Detect(uri));

    [Theory]
    [InlineData("/data/a.json")]
    [InlineData("/data/a.gz")]
    [InlineData("/data/a.jsonl.bz2")]
    [InlineData("az://c/folder/")]
    public void UnknownNamesAreAFormatErrorNamingTheUri(string uri)
    {
        var error = Assert.Throws<FormatException>(() => RecordFormats.Detect(uri));

        Assert.Contains(uri, error.Message);
        Assert.Contains(".jsonl.zst", error.Message);
    }

    [Theory]
    [InlineData(RecordFormat.Jsonl, ".jsonl")]
    [InlineData(RecordFormat.JsonlGzip, ".jsonl.gz")]
    [InlineData(RecordFormat.JsonlZstd, ".jsonl.zst")]
    [InlineData(RecordFormat.Parquet, ".parquet")]
    public void ExtensionsDetectBackToTheirFormat(RecordFormat format, string extension)
    {
        Assert.Equal(extension, RecordFormats.Extension(format));
        Assert.Equal(format, RecordFormats.Detect("part-00007" + extension));
    }

    [Theory]
    [InlineData("/data/a.jsonl")]
    [InlineData("/data/A.NDJSON.ZST")]
    [InlineData("az://c/in/part-0.parquet")]
    [InlineData("https://acct.blob.core.windows.net/c/x.jsonl.gz?sv=2024&sig=a.b")]
    [InlineData("data/**")]
    [InlineData("data/*.jsonl")]
    [InlineData("data/*.gz")]
    [InlineData("data/*l.zst")]
    [InlineData("data/part-*")]
    [InlineData("data/[ab]*.parquet")]
    [InlineData("data/part-0001")]
    [InlineData("az://c/folder/")]
    [InlineData("v1.2/data")]
    public void NamesThatMayBeReadableAreAccepted(string uriOrGlob) => Assert.True(RecordFormats.CanBeReadable(uriOrGlob));

    [Theory]
    [InlineData("/data/report.csv")]
    [InlineData("/data/a.json")]
    [InlineData("/data/a.gz")]
    [InlineData("/data/a.jsonl.bz2")]
    [InlineData("data/*.txt")]
    [InlineData("data/part-?.jsonl.bak")]
    [InlineData("https://acct.blob.core.windows.net/c/x.csv?sv=2024")]
    [InlineData(".hidden")]
    public void NamesEndingInAnUnreadableExtensionAreRefused(string uriOrGlob) => Assert.False(RecordFormats.CanBeReadable(uriOrGlob));

    [Fact]
    public void TheReadableExtensionsAreTheDetectedOnes()
    {
        Assert.Equal([".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst", ".jsonl", ".ndjson", ".parquet"], RecordFormats.ReadableExtensions);
        Assert.All(RecordFormats.ReadableExtensions, e => Assert.True(RecordFormats.CanBeReadable("x" + e)));
    }
}
