using System.IO.Compression;
using System.Text;
using Lamdas.Storage;
using ZstdSharp;

namespace Lamdas.Formats.Tests;

public sealed class CompressedJsonlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    private static JsonlFile Corpus(int lines)
    {
        var random = new Random(99);
        var file = new JsonlFile();
        for (var i = 0; i < lines; i++)
        {
            var words = string.Join(' ', Enumerable.Range(0, random.Next(5, 60)).Select(_ => "w" + random.Next(100_000)));
            file.Add($"{{\"id\":{i},\"text\":\"{words} — ü {i}\"}}" + (i % 7 == 0 ? "\r" : ""));
        }

        return file;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Zstd(byte[] data)
    {
        var output = new MemoryStream();
        using (var zstd = new CompressionStream(output, 5, leaveOpen: true))
        {
            zstd.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unzstd(byte[] data)
    {
        using var zstd = new DecompressionStream(new MemoryStream(data));
        var output = new MemoryStream();
        zstd.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("in.jsonl.gz")]
    [InlineData("in.jsonl.zst")]
    public async Task CompressedFilesReadEveryLineWithUncompressedPositions(string name)
    {
        var file = Corpus(3000);
        var path = _dir.Write(name, name.EndsWith(".gz") ? Gzip(file.Bytes) : Zstd(file.Bytes));

        var results = await Reading.ReadFileAsync(_store, path);

        Assert.Equal(file.Starts, results.Select(r => r.Record!.Position));
        Assert.Equal(file.Lines.Select(Convert.ToHexString), results.Select(r => Convert.ToHexString(r.Record!.Raw.Span)));
    }

    [Theory]
    [InlineData(RecordFormat.JsonlGzip)]
    [InlineData(RecordFormat.JsonlZstd)]
    public async Task WrittenFilesDecompressToTheLinesAndReadBack(RecordFormat format)
    {
        var file = Corpus(2000);
        var plain = _dir.Write("in.jsonl", file.Bytes);
        var records = (await Reading.ReadFileAsync(_store, plain)).Select(r => r.Record!).ToList();

        var compressed = await Reading.WriteAsync(records, format);
        var path = _dir.Write("out" + RecordFormats.Extension(format), compressed);
        var reread = await Reading.ReadFileAsync(_store, path);

        Assert.Equal(file.Bytes, format == RecordFormat.JsonlGzip ? Gunzip(compressed) : Unzstd(compressed));
        Assert.True(compressed.Length < file.Bytes.Length / 2);
        Assert.Equal(file.Starts, reread.Select(r => r.Record!.Position));
    }

    [Theory]
    [InlineData(RecordFormat.JsonlGzip)]
    [InlineData(RecordFormat.JsonlZstd)]
    public async Task CompressedOutputIsDeterministic(RecordFormat format)
    {
        var file = Corpus(500);
        var records = (await Reading.ReadFileAsync(_store, _dir.Write("in.jsonl", file.Bytes))).Select(r => r.Record!).ToList();

        var first = await Reading.WriteAsync(records, format);
        await Task.Delay(1100); // a timestamp in the output would now differ
        var second = await Reading.WriteAsync(records, format);
        var fewer = await Reading.WriteAsync(records.Skip(1), format);

        Assert.Equal(first, second);
        Assert.NotEqual(first, fewer);
        if (format == RecordFormat.JsonlGzip)
        {
            Assert.Equal([0x1f, 0x8b, 8, 0, 0, 0, 0, 0], first[..8]); // no flags (no name), MTIME 0
        }
    }

    [Theory]
    [InlineData("cut.jsonl.gz", 1)]
    [InlineData("cut.jsonl.gz", 9)]
    [InlineData("cut.jsonl.gz", 20_000)]
    [InlineData("cut.jsonl.gz", 60_000)]
    [InlineData("cut.jsonl.zst", 1)]
    [InlineData("cut.jsonl.zst", 20_000)]
    [InlineData("cut.jsonl.zst", 60_000)]
    public async Task ATruncatedFileYieldsItsCompleteRecordsThenOneBadRecord(string name, int cutBytes)
    {
        var file = Corpus(3000);
        var gzip = name.EndsWith(".gz");
        var whole = gzip ? Gzip(file.Bytes) : Zstd(file.Bytes);
        Assert.True(whole.Length > 2 * cutBytes);
        var path = _dir.Write(name, whole[..^cutBytes]);

        var results = await Reading.ReadFileAsync(_store, path);

        var good = results.TakeWhile(r => r.Record is not null).Select(r => r.Record!).ToList();
        Assert.Equal(good.Count + 1, results.Count);
        Assert.InRange(good.Count, 1, file.Lines.Count);
        Assert.Equal(file.Starts.Take(good.Count), good.Select(r => r.Position));
        Assert.Equal(file.Lines.Take(good.Count).Select(Convert.ToHexString), good.Select(r => Convert.ToHexString(r.Raw.Span)));
        var bad = results[^1].Bad!;
        Assert.StartsWith($"truncated {(gzip ? "gzip" : "zstd")} stream after byte ", bad.Reason);
        Assert.Equal(good.Count < file.Lines.Count ? file.Starts[good.Count] : file.Bytes.Length, bad.Position);
        var decodedTo = long.Parse(bad.Reason.Split(' ')[^1]);
        Assert.InRange(decodedTo, bad.Position, file.Bytes.Length);
        Assert.Equal(file.Bytes.AsSpan((int)bad.Position, bad.Raw.Length).ToArray(), bad.Raw.ToArray());
    }

    [Fact]
    public async Task ConcatenatedGzipMembersAreOneStream()
    {
        var first = Corpus(100);
        var second = new JsonlFile().Add("""{"id":"second member"}""");
        var path = _dir.Write("multi.jsonl.gz", [.. Gzip(first.Bytes), .. Gzip(second.Bytes)]);

        var results = await Reading.ReadFileAsync(_store, path);

        Assert.Equal(101, results.Count);
        Assert.All(results, r => Assert.NotNull(r.Record));
        Assert.Equal(first.Bytes.Length, results[^1].Record!.Position);
        Assert.Equal("second member", results[^1].Record!.Json!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ReadingContinuesWithTheNextFileAfterATruncatedOne()
    {
        var file = Corpus(50);
        var broken = _dir.Write("a.jsonl.gz", Gzip(file.Bytes)[..^30]);
        var fine = _dir.Write("b.jsonl.zst", Zstd(file.Bytes));
        var inputs = await _store.ListAsync(_dir.Path + "/*.jsonl.*");

        var shards = await ShardPlanner.PlanAsync(_store, inputs, 1 << 20, CancellationToken.None);
        var perShard = new List<List<ReadResult>>();
        foreach (var shard in shards)
        {
            perShard.Add(await Reading.ReadAllAsync(_store, shard));
        }

        Assert.Equal([broken, fine], shards.Select(s => s.Uri));
        Assert.NotNull(perShard[0][^1].Bad);
        Assert.Equal(50, perShard[1].Count(r => r.Record is not null));
        Assert.Equal(Encoding.UTF8.GetString(file.Lines[49]), Encoding.UTF8.GetString(perShard[1][^1].Record!.Raw.Span));
    }
}
