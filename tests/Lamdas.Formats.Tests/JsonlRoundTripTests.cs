using System.Text;
using Lamdas.Storage;

namespace Lamdas.Formats.Tests;

public sealed class JsonlRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    public static JsonlFile Sample()
    {
        var longText = string.Concat(Enumerable.Range(0, 1_000_000).Select(i => (char)('a' + (i % 26)) + "é"));
        return new JsonlFile()
            .Add("""{"id":"1","text":"plain ascii"}""")
            .Add("{\"id\":\"2\",\"text\":\"windows line\"}\r")
            .Add("""{"id":"3","text":"ünïcödé — 日本語 🙂 e\u0301"}""")
            .Add("""{"id":"4","text":"escaped \"quotes\" and \\ and \u00e9"}""")
            .Add("  {\"id\":\"5\",\"text\":\"spaced\"}  ")
            .Add($"{{\"id\":\"6\",\"text\":\"{longText}\"}}")
            .Add("""{"id":"7","nested":{"a":[1,2,{"b":null}]},"n":-1.5e-7}""");
    }

    [Fact]
    public async Task ReadingAndWritingIsByteIdentical()
    {
        var file = Sample();
        var path = _dir.Write("in.jsonl", file.Bytes);

        var results = await Reading.ReadFileAsync(_store, path);
        var written = await Reading.WriteAsync(results.Select(r => r.Record!), RecordFormat.Jsonl);

        Assert.All(results, r => Assert.Null(r.Bad));
        Assert.Equal(file.Starts, results.Select(r => r.Record!.Position));
        Assert.Equal(file.Lines.Select(Convert.ToHexString), results.Select(r => Convert.ToHexString(r.Record!.Raw.Span)));
        Assert.Equal(file.Bytes, written);
        Assert.True(file.Bytes.Length > 3_000_000);
    }

    [Fact]
    public async Task RecordsCarryTheParsedObject()
    {
        var path = _dir.Write("in.jsonl", Sample().Bytes);

        var records = (await Reading.ReadFileAsync(_store, path)).Select(r => r.Record!).ToList();

        Assert.Equal("ünïcödé — 日本語 🙂 e\u0301", records[2].Json!.Value.GetProperty("text").GetString());
        Assert.Equal("windows line", records[1].Json!.Value.GetProperty("text").GetString());
        Assert.Equal(-1.5e-7, records[6].Json!.Value.GetProperty("n").GetDouble());
        Assert.Equal(2_000_000, records[5].Json!.Value.GetProperty("text").GetString()!.Length);
        Assert.All(records, r => Assert.Equal(path, r.Source));
    }

    [Fact]
    public async Task AFinalLineWithoutNewlineIsARecordAndBlankLinesAreSkipped()
    {
        var file = new JsonlFile().Add("""{"a":1}""").Add("").Add("  \r").Add("""{"a":2}""", newline: false);
        var path = _dir.Write("in.jsonl", file.Bytes);

        var results = await Reading.ReadFileAsync(_store, path);

        Assert.Equal([file.Starts[0], file.Starts[3]], results.Select(r => r.Record!.Position));
        Assert.Equal("""{"a":2}""", Encoding.UTF8.GetString(results[1].Record!.Raw.Span));
    }

    [Fact]
    public async Task AByteOrderMarkAtTheStartIsAccepted()
    {
        var file = new JsonlFile().Add([0xEF, 0xBB, 0xBF, .. """{"a":1}"""u8]).Add("""{"a":2}""");
        var path = _dir.Write("bom.jsonl", file.Bytes);

        var results = await Reading.ReadFileAsync(_store, path);

        Assert.Equal([1, 2], results.Select(r => r.Record!.Json!.Value.GetProperty("a").GetInt32()));
        Assert.Equal(file.Lines[0], results[0].Record!.Raw.ToArray());
    }

    [Fact]
    public async Task TheWriterRefusesRecordsThatWouldBreakTheLineStructure()
    {
        var record = new SourceRecord("x", 0, "{\"a\":\n1}"u8.ToArray(), null);

        await Assert.ThrowsAsync<ArgumentException>(() => Reading.WriteAsync([record], RecordFormat.Jsonl));
    }
}
