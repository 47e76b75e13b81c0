using System.Text;
using Lamdas.Storage;

namespace Lamdas.Formats.Tests;

public sealed class BadLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EachBadLineIsReportedAndItsNeighboursAreIntact()
    {
        byte[] invalidUtf8 = [.. """{"text":"bad """u8, 0xC3, 0x28, .. """ byte"}"""u8];
        var tooLong = Encoding.ASCII.GetBytes("{\"text\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        var file = new JsonlFile()
            .Add("""{"id":0}""")
            .Add(invalidUtf8)
            .Add("""{"id":1}""")
            .Add("""{"id": }""")
            .Add("""{"id":2}""")
            .Add("[1,2,3]")
            .Add("""{"id":3}""")
            .Add(tooLong)
            .Add("""{"id":4}""")
            .Add("\"just a string\"")
            .Add("""{"id":5} {"id":6}""")
            .Add("""{"id":7}""");
        var path = _dir.Write("mixed.jsonl", file.Bytes);

        var results = await Reading.ReadFileAsync(_store, path, new RecordReaderOptions { MaxLineBytes = 8 * 1024 * 1024 });

        Assert.Equal(file.Starts, results.Select(r => r.Record?.Position ?? r.Bad!.Position));
        Assert.Equal([0, 1, 2, 3, 4, 7], results.Where(r => r.Record is not null).Select(r => r.Record!.Json!.Value.GetProperty("id").GetInt32()));
        var bad = results.Where(r => r.Bad is not null).Select(r => r.Bad!).ToList();
        Assert.Equal("invalid UTF-8", bad[0].Reason);
        Assert.Equal(invalidUtf8, bad[0].Raw.ToArray());
        Assert.StartsWith("invalid JSON: ", bad[1].Reason);
        Assert.Equal("""{"id": }""", Encoding.UTF8.GetString(bad[1].Raw.Span));
        Assert.Equal("not a JSON object", bad[2].Reason);
        Assert.Equal("line exceeds 8388608 bytes (length 10485771)", bad[3].Reason);
        Assert.Equal(tooLong.AsSpan(0, 65536).ToArray(), bad[3].Raw.ToArray());
        Assert.Equal("not a JSON object", bad[4].Reason);
        Assert.StartsWith("invalid JSON: ", bad[5].Reason);
        Assert.All(bad, b => Assert.Equal(path, b.Source));
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, false)]
    [InlineData(101, true)]
    [InlineData(5000, true)]
    public async Task TheLineLimitIsInclusive(int length, bool tooLong)
    {
        var line = "{\"t\":\"" + new string('y', length - 8) + "\"}";
        var file = new JsonlFile().Add("""{"t":"before"}""").Add(line).Add("""{"t":"after"}""");
        var path = _dir.Write("limit.jsonl", file.Bytes);

        var results = await Reading.ReadFileAsync(_store, path, new RecordReaderOptions { MaxLineBytes = 100 });

        Assert.Equal(length, Encoding.ASCII.GetByteCount(line));
        Assert.Equal(tooLong, results[1].Bad is not null);
        Assert.Equal("before", results[0].Record!.Json!.Value.GetProperty("t").GetString());
        Assert.Equal("after", results[2].Record!.Json!.Value.GetProperty("t").GetString());
        Assert.Equal(file.Starts, results.Select(r => r.Record?.Position ?? r.Bad!.Position));
    }

    [Fact]
    public async Task AnOverlongLastLineWithoutNewlineIsReported()
    {
        var file = new JsonlFile().Add("""{"a":1}""").Add(new string('z', 300), newline: false);
        var path = _dir.Write("tail.jsonl", file.Bytes);

        var results = await Reading.ReadFileAsync(_store, path, new RecordReaderOptions { MaxLineBytes = 100 });

        Assert.Equal(2, results.Count);
        Assert.Equal("line exceeds 100 bytes (length 300)", results[1].Bad!.Reason);
        Assert.Equal(300, results[1].Bad!.Raw.Length);
    }
}
