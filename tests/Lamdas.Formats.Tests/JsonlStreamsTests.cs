using System.IO.Compression;
using System.Text;

namespace Lamdas.Formats.Tests;

/// <summary>Whole-stream JSONL reading (the CLI's path): the shard reader's records and bad records, numbered by line.</summary>
public sealed class JsonlStreamsTests
{
    private static readonly RecordReaderOptions Options = new();

    [Fact]
    public async Task LinesAreNumberedFromOneAndBlankLinesCountWithoutAResult()
    {
        var text = "{\"id\":1}\n\n   \r\n{\"id\":2\n[3]\n{\"id\":4}";
        var results = await ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), RecordFormat.Jsonl);

        Assert.Equal([1L, 4, 5, 6], results.Select(r => r.Line));
        Assert.Equal(0, results[0].Result.Record!.Position);
        Assert.StartsWith("invalid JSON", results[1].Result.Bad!.Reason, StringComparison.Ordinal);
        Assert.Equal("not a JSON object", results[2].Result.Bad!.Reason);
        Assert.Equal("{\"id\":4}", Encoding.UTF8.GetString(results[3].Result.Record!.Raw.Span));
    }

    [Fact]
    public async Task ATruncatedGzipStreamEndsWithOneBadRecordAfterItsCompleteLines()
    {
        var lines = Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i},\"text\":\"{new string((char)('a' + (i % 26)), 50)} {i}\"}}").ToList();
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        }

        var cut = output.ToArray()[..(int)(output.Length * 2 / 3)];
        var results = await ReadAsync(new MemoryStream(cut), RecordFormat.JsonlGzip);

        Assert.All(results[..^1], r => Assert.NotNull(r.Result.Record));
        Assert.Equal(Enumerable.Range(1, results.Count - 1).Select(i => (long)i), results[..^1].Select(r => r.Line));
        Assert.StartsWith("truncated gzip stream", results[^1].Result.Bad!.Reason, StringComparison.Ordinal);
        Assert.Equal(results.Count, results[^1].Line);
        Assert.InRange(results.Count, 2, lines.Count);
    }

    [Theory]
    [InlineData("data.jsonl", RecordFormat.Jsonl)]
    [InlineData("-", RecordFormat.Jsonl)]
    [InlineData("docs.txt", RecordFormat.Jsonl)]
    [InlineData("data.jsonl.GZ", RecordFormat.JsonlGzip)]
    [InlineData("data.ndjson.zst", RecordFormat.JsonlZstd)]
    public void FormatIsTakenFromTheCompressionSuffix(string path, RecordFormat expected) =>
        Assert.Equal(expected, JsonlStreams.FormatOf(path));

    private static async Task<List<NumberedResult>> ReadAsync(Stream stream, RecordFormat format)
    {
        var results = new List<NumberedResult>();
        await foreach (var result in JsonlStreams.ReadAsync(stream, format, "test", Options))
        {
            results.Add(result);
        }

        return results;
    }
}
