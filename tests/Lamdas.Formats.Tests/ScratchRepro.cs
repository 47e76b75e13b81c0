using System.IO.Compression;
using System.Text;
using Lamdas.Storage;
using Xunit.Abstractions;

namespace Lamdas.Formats.Tests;

public sealed class ScratchRepro(ITestOutputHelper output)
{
    [Fact]
    public async Task Repro()
    {
        var good = File.ReadLines("/work/shared/datasets/domain-bench-dev/code-python/candidates.jsonl").Where(l => l.Length > 0).Take(24).ToList();
        using var dir = new TempFolder();
        var store = new ObjectStore();
        var gz = Compress(good.Skip(2).Take(8), s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
        var zst = Compress(good.Skip(10).Take(8), s => new ZstdSharp.CompressionStream(s, 3, leaveOpen: true));
        output.WriteLine($"plain gz {Encoding.UTF8.GetByteCount(string.Join("\n", good.Skip(2).Take(8)))} gz {gz.Length} zst {zst.Length}");
        foreach (var (name, data) in new[] { ("b.jsonl.gz", gz), ("c.jsonl.zst", zst) })
        {
            var path = dir.Write(name, data[..(data.Length * 2 / 3)]);
            var results = await Reading.ReadFileAsync(store, path);
            output.WriteLine($"{name}: good {results.Count(r => r.Record is not null)} bad {results.Count(r => r.Bad is not null)} {results[^1].Bad?.Reason}");
        }
    }

    private static byte[] Compress(IEnumerable<string> lines, Func<Stream, Stream> wrap)
    {
        var buffer = new MemoryStream();
        using (var stream = wrap(buffer))
        {
            stream.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        }

        return buffer.ToArray();
    }
}
