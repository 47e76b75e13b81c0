using System.IO.Compression;
using System.Text;
using Lamdas.Storage;
using Xunit.Abstractions;

namespace Lamdas.Formats.Tests;

public sealed class ScratchRepro2(ITestOutputHelper output)
{
    private static byte[] Gz(string s) { var m = new MemoryStream(); using (var g = new GZipStream(m, CompressionLevel.Optimal, true)) g.Write(Encoding.UTF8.GetBytes(s)); return m.ToArray(); }

    [Fact]
    public async Task Behaviours()
    {
        using var dir = new TempFolder();
        var store = new ObjectStore();
        var one = Gz("{\"a\":1}\n{\"a\":2}\n");
        var cases = new (string, byte[])[] {
            ("empty", []),
            ("garbage", [.. one, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
            ("zeros", [.. one, 0, 0, 0, 0]),
            ("second header cut", [.. one, .. one[..5]]),
            ("crc flipped", [.. one[..^8], (byte)(one[^8] ^ 1), .. one[^7..]]),
            ("isize flipped", [.. one[..^4], (byte)(one[^4] ^ 1), .. one[^3..]]),
            ("trailer cut", one[..^3]),
        };
        foreach (var (name, data) in cases)
        {
            var path = dir.Write("x.jsonl.gz", data);
            try
            {
                var results = await Reading.ReadFileAsync(store, path);
                output.WriteLine($"{name}: good {results.Count(r => r.Record is not null)} bad {string.Join("|", results.Where(r => r.Bad is not null).Select(r => r.Bad!.Reason))}");
            }
            catch (Exception e) { output.WriteLine($"{name}: threw {e.GetType().Name} {e.Message}"); }
            // .NET GZipStream on it
            try
            {
                var g = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
                var buf = new byte[3]; long total = 0; int n;
                while ((n = g.Read(buf)) > 0) total += n;
                output.WriteLine($"   .NET: {total} bytes, quiet end");
            }
            catch (Exception e) { output.WriteLine($"   .NET: threw {e.GetType().Name} {e.Message}"); }
        }
    }
}
