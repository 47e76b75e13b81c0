using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Lamdas.Storage;
using ZstdSharp;

namespace Lamdas.Formats.Tests;

/// <summary>
/// A cut-off .gz or .zst file yields every record whose line (with its '\n') lies inside the decodable prefix of
/// what is left, then exactly one "truncated ..." bad record at the first line not wholly decoded. The decodable
/// prefix comes from independent decoders that end quietly at the cut: System.IO.Compression's GZipStream (zlib)
/// for gzip, ZstdSharp without the end check for zstd.
/// </summary>
public sealed class TruncatedCompressedJsonlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    /// <summary>Small: 8 lines of about 1.2 KB (about 10 KB). Large: 4000 lines (about 1 MB, several deflate/zstd blocks).</summary>
    private static JsonlFile Corpus(bool large)
    {
        var random = new Random(large ? 7 : 8);
        var file = new JsonlFile();
        var count = large ? 4000 : 8;
        for (var i = 0; i < count; i++)
        {
            var words = string.Join(' ', Enumerable.Range(0, large ? random.Next(5, 60) : random.Next(120, 180)).Select(_ => "w" + random.Next(100_000)));
            file.Add($"{{\"id\":{i},\"text\":\"{words} — ü {i}\"}}");
        }

        return file;
    }

    private static byte[] Gzip(byte[] data, CompressionLevel level)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Gzip with a sync flush after each line's text and after its '\n', so that some cuts leave a decodable prefix
    /// that ends exactly at either side of a '\n' (in a plain deflate stream the '\n' is usually inside a match, as
    /// every line ends with "}\n{\"id\":).
    /// </summary>
    private static byte[] GzipFlushed(JsonlFile file, CompressionLevel level)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            foreach (var line in file.Lines)
            {
                gzip.Write(line);
                gzip.Flush();
                gzip.WriteByte((byte)'\n');
                gzip.Flush();
            }
        }

        return output.ToArray();
    }

    /// <summary>Zstd; with <paramref name="lines"/>, each line is flushed, which ends a block after it.</summary>
    private static byte[] Zstd(byte[] data, int level, JsonlFile? lines = null)
    {
        var output = new MemoryStream();
        using (var zstd = new CompressionStream(output, level, leaveOpen: true))
        {
            if (lines is null)
            {
                zstd.Write(data);
            }
            else
            {
                foreach (var line in lines.Lines)
                {
                    zstd.Write(line);
                    zstd.WriteByte((byte)'\n');
                    zstd.Flush();
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>What zlib decodes of a (possibly cut) gzip file before it ends quietly.</summary>
    private static byte[] ReferenceGunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output, 4096);
        return output.ToArray();
    }

    /// <summary>What zstd decodes of a (possibly cut) file when not checking for a complete frame.</summary>
    private static byte[] ReferenceUnzstd(byte[] data)
    {
        using var zstd = new DecompressionStream(new MemoryStream(data), checkEndOfStream: false);
        var output = new MemoryStream();
        zstd.CopyTo(output, 4096);
        return output.ToArray();
    }

    private static bool IsGzip(string name) => name.EndsWith(".gz", StringComparison.Ordinal);

    private static byte[] ReferencePrefix(string name, byte[] cut) => IsGzip(name) ? ReferenceGunzip(cut) : ReferenceUnzstd(cut);

    /// <summary>Reads <paramref name="whole"/> cut to <paramref name="cut"/> bytes and checks the exact outcome; returns the good record count.</summary>
    private async Task<int> AssertCutAsync(string name, JsonlFile file, byte[] whole, int cut)
    {
        var truncated = whole[..cut];
        var prefix = ReferencePrefix(name, truncated);
        try
        {
            Assert.Equal(file.Bytes.AsSpan(0, prefix.Length).ToArray(), prefix);
            var complete = Enumerable.Range(0, file.Lines.Count).Count(i => file.Starts[i] + file.Lines[i].Length + 1 <= prefix.Length);
            var badAt = complete < file.Lines.Count ? file.Starts[complete] : file.Bytes.Length;

            var results = await Reading.ReadFileAsync(_store, _dir.Write(name, truncated));

            Assert.Equal(complete + 1, results.Count);
            var good = results.Take(complete).Select(r => r.Record ?? throw new InvalidOperationException($"bad record {r.Bad!.Reason}")).ToList();
            Assert.Equal(file.Starts.Take(complete), good.Select(r => r.Position));
            Assert.Equal(file.Lines.Take(complete).Select(Convert.ToHexString), good.Select(r => Convert.ToHexString(r.Raw.Span)));
            var bad = results[^1].Bad!;
            Assert.NotNull(bad);
            Assert.Equal($"truncated {(IsGzip(name) ? "gzip" : "zstd")} stream after byte {prefix.Length}", bad.Reason);
            Assert.Equal(badAt, bad.Position);
            Assert.Equal(Convert.ToHexString(file.Bytes, (int)badAt, prefix.Length - (int)badAt), Convert.ToHexString(bad.Raw.Span));
            return complete;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"cut at {cut} of {whole.Length} compressed bytes (decodable prefix {prefix.Length} of {file.Bytes.Length}): {e.Message}");
        }
    }

    /// <summary>
    /// The first cut at or after <paramref name="from"/> (trying at most <paramref name="tries"/>) whose decodable
    /// prefix ends exactly after (or before) a '\n'; failing that, the one whose prefix ends nearest after (before) one.
    /// </summary>
    private static (int Cut, bool Exact) CutAtLineBoundary(string name, JsonlFile file, byte[] whole, int from, int tries, bool beforeNewline)
    {
        var best = (Cut: -1, Distance: int.MaxValue);
        for (var cut = from; cut < Math.Min(from + tries, whole.Length); cut++)
        {
            var length = ReferencePrefix(name, whole[..cut]).Length;
            if (length == 0 || length >= file.Bytes.Length)
            {
                continue;
            }

            if (file.Bytes[beforeNewline ? length : length - 1] == (byte)'\n')
            {
                return (cut, true);
            }

            var distance = beforeNewline
                ? file.Bytes.AsSpan(length).IndexOf((byte)'\n')
                : length - 1 - file.Bytes.AsSpan(0, length).LastIndexOf((byte)'\n');
            if (distance < best.Distance)
            {
                best = (cut, distance);
            }
        }

        return best.Cut >= 0 ? (best.Cut, false) : throw new InvalidOperationException("no cut near a line boundary");
    }

    [Theory]
    [InlineData(false, CompressionLevel.Optimal, false)]
    [InlineData(false, CompressionLevel.Fastest, false)]
    [InlineData(false, CompressionLevel.SmallestSize, false)]
    [InlineData(false, CompressionLevel.NoCompression, false)]
    [InlineData(false, CompressionLevel.Optimal, true)]
    [InlineData(true, CompressionLevel.Optimal, false)]
    [InlineData(true, CompressionLevel.Fastest, false)]
    [InlineData(true, CompressionLevel.NoCompression, false)]
    [InlineData(true, CompressionLevel.Optimal, true)]
    public async Task ACutGzipFileYieldsEveryLineInItsDecodablePrefixThenOneBadRecord(bool large, CompressionLevel level, bool flushed)
    {
        var file = Corpus(large);
        var whole = flushed ? GzipFlushed(file, level) : Gzip(file.Bytes, level);
        var length = whole.Length;
        var after = CutAtLineBoundary("x.gz", file, whole, length / 2, 300, beforeNewline: false);
        var before = CutAtLineBoundary("x.gz", file, whole, length / 2, 300, beforeNewline: true);
        if (flushed || level == CompressionLevel.NoCompression)
        {
            Assert.True(after.Exact && before.Exact, "some cut ends the decodable prefix at either side of a '\\n'");
        }

        int[] cuts =
        [
            1, 2, 5, 9, // inside the 10-byte header
            10, 11, // the header complete, the deflate data (nearly) absent
            length / 3, length / 2, length * 2 / 3, length - 9, // inside the deflate data
            length - 8, length - 7, length - 4, length - 1, // inside the trailer (all the data decodable)
            after.Cut, before.Cut, // right after a line boundary (or as near as the encoding allows), right before one
        ];

        var good = new List<int>();
        foreach (var cut in cuts)
        {
            good.Add(await AssertCutAsync("cut.jsonl.gz", file, whole, cut));
        }

        Assert.Equal(0, good[0]);
        Assert.True(good[8] > 0, "two thirds of the file yield records"); // the bug: a small file yielded none
        Assert.Equal(file.Lines.Count, good[^3]); // cut inside the trailer: every record
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task ACutZstdFileYieldsEveryLineInItsDecodablePrefixThenOneBadRecord(bool large, bool blockPerLine)
    {
        var file = Corpus(large);
        var whole = Zstd(file.Bytes, 3, blockPerLine ? file : null);
        var length = whole.Length;
        var cuts = new List<int> { 1, 3, 5, 8, length / 3, length / 2, length * 2 / 3, length - 3, length - 1 };
        if (blockPerLine)
        {
            var after = CutAtLineBoundary("x.zst", file, whole, length / 2, 2000, beforeNewline: false);
            Assert.True(after.Exact);
            cuts.Add(after.Cut);
        }

        var good = new List<int>();
        foreach (var cut in cuts)
        {
            good.Add(await AssertCutAsync("cut.jsonl.zst", file, whole, cut));
        }

        if (blockPerLine || large)
        {
            Assert.True(good[6] > 0, "two thirds of the file yield records");
        }
        else
        {
            // One zstd block holds the whole small file and a block decodes only whole: nothing is recoverable.
            Assert.Equal(0, good[6]);
        }
    }

    [Fact]
    public async Task ASmallGzipFileCutToTwoThirdsKeepsItsCompleteLines()
    {
        // The shape that lost everything: 8 lines, about 10 KB, compressed with GZipStream(Optimal), cut to 2/3.
        var file = Corpus(large: false);
        var whole = Gzip(file.Bytes, CompressionLevel.Optimal);

        var good = await AssertCutAsync("small.jsonl.gz", file, whole, whole.Length * 2 / 3);

        Assert.InRange(good, 3, 7);
    }

    [Fact]
    public async Task ACutMultiMemberGzipFileKeepsTheEarlierMembers()
    {
        var first = Corpus(large: false);
        var second = new JsonlFile().Add("""{"id":"second","text":"member"}""").Add("""{"id":"third","text":"line"}""");
        var file = new JsonlFile();
        foreach (var line in first.Lines.Concat(second.Lines))
        {
            file.Add(line);
        }

        var a = Gzip(first.Bytes, CompressionLevel.Optimal);
        var b = Gzip(second.Bytes, CompressionLevel.Optimal);
        byte[] whole = [.. a, .. b];

        int[] cuts = [a.Length - 5, a.Length + 1, a.Length + 4, a.Length + 10, a.Length + b.Length / 2, whole.Length - 8, whole.Length - 1];
        var good = new List<int>();
        foreach (var cut in cuts)
        {
            good.Add(await AssertCutAsync("multi.jsonl.gz", file, whole, cut));
        }

        Assert.Equal(Enumerable.Repeat(first.Lines.Count, 4), good.Take(4));
        Assert.Equal(file.Lines.Count, good[^1]);
    }

    [Fact]
    public async Task AGzipHeaderWithEveryOptionalFieldIsReadAndACutInsideItIsATruncation()
    {
        var file = Corpus(large: false);
        var plain = Gzip(file.Bytes, CompressionLevel.Optimal);
        var whole = WithOptionalHeaderFields(plain);
        Assert.Equal(file.Bytes, ReferenceGunzip(whole));

        var results = await Reading.ReadFileAsync(_store, _dir.Write("named.jsonl.gz", whole));
        Assert.Equal(file.Starts, results.Select(r => r.Record!.Position));

        var headerLength = whole.Length - (plain.Length - 10);
        foreach (var cut in new[] { 11, 15, 20, headerLength - 1 })
        {
            Assert.Equal(0, await AssertCutAsync("named.jsonl.gz", file, whole, cut));
        }
    }

    [Fact]
    public async Task AGzipHeaderWithABadCrcIsCorrupt()
    {
        var plain = Gzip(Corpus(large: false).Bytes, CompressionLevel.Optimal);
        var whole = WithOptionalHeaderFields(plain);
        var headerCrcAt = whole.Length - (plain.Length - 10) - 2;
        whole[headerCrcAt] ^= 1;

        var results = await Reading.ReadFileAsync(_store, _dir.Write("badheader.jsonl.gz", whole));

        var bad = Assert.Single(results).Bad!;
        Assert.StartsWith("corrupt gzip stream after byte 0: gzip header CRC mismatch", bad.Reason);
    }

    [Theory]
    [InlineData(-8, "gzip CRC-32 mismatch")]
    [InlineData(-1, "gzip length mismatch")]
    public async Task ADamagedGzipTrailerIsCorruptAfterTheDecodedRecords(int offsetFromEnd, string message)
    {
        var file = Corpus(large: false);
        var whole = Gzip(file.Bytes, CompressionLevel.Optimal);
        whole[whole.Length + offsetFromEnd] ^= 1;

        var results = await Reading.ReadFileAsync(_store, _dir.Write("damaged.jsonl.gz", whole));

        Assert.Equal(file.Lines.Count + 1, results.Count);
        Assert.All(results.Take(file.Lines.Count), r => Assert.NotNull(r.Record));
        var bad = results[^1].Bad!;
        Assert.StartsWith($"corrupt gzip stream after byte {file.Bytes.Length}: {message}", bad.Reason);
        Assert.Equal(file.Bytes.Length, bad.Position);
    }

    [Fact]
    public async Task TrailingZeroPaddingIsIgnoredAndOtherTrailingBytesAreCorrupt()
    {
        var file = Corpus(large: false);
        var whole = Gzip(file.Bytes, CompressionLevel.Optimal);

        var padded = await Reading.ReadFileAsync(_store, _dir.Write("padded.jsonl.gz", [.. whole, .. new byte[1000]]));
        var garbage = await Reading.ReadFileAsync(_store, _dir.Write("garbage.jsonl.gz", [.. whole, 0, 0, (byte)'x', 0]));

        Assert.Equal(file.Starts, padded.Select(r => r.Record!.Position));
        Assert.Equal(file.Starts, garbage.SkipLast(1).Select(r => r.Record!.Position));
        Assert.StartsWith($"corrupt gzip stream after byte {file.Bytes.Length}: data after gzip member 1 that is not a gzip member", garbage[^1].Bad!.Reason);
    }

    [Fact]
    public async Task AnEmptyGzipFileHasNoRecords()
    {
        Assert.Empty(await Reading.ReadFileAsync(_store, _dir.Write("empty.jsonl.gz", [])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 17)]
    public async Task TheGzipStreamDecodesMultiMemberFilesForAnyReadSize(int readSize)
    {
        var first = Corpus(large: true).Bytes;
        var second = Corpus(large: false).Bytes;
        byte[] whole = [.. Gzip(first, CompressionLevel.Optimal), .. Gzip(Array.Empty<byte>(), CompressionLevel.Optimal), .. WithOptionalHeaderFields(Gzip(second, CompressionLevel.Fastest))];
        byte[] expected = [.. first, .. second];

        var buffer = new byte[readSize];
        var sync = new MemoryStream();
        using (var gzip = new GzipDecodingStream(new MemoryStream(whole)))
        {
            int read;
            while ((read = gzip.Read(buffer, 0, readSize)) > 0)
            {
                sync.Write(buffer, 0, read);
            }
        }

        var async = new MemoryStream();
        await using (var gzip = new GzipDecodingStream(new MemoryStream(whole)))
        {
            int read;
            while ((read = await gzip.ReadAsync(buffer.AsMemory())) > 0)
            {
                async.Write(buffer, 0, read);
            }
        }

        Assert.True(expected.AsSpan().SequenceEqual(sync.ToArray()));
        Assert.True(expected.AsSpan().SequenceEqual(async.ToArray()));
    }

    [Fact]
    public void TheGzipStreamReturnsTheDecodablePrefixBeforeReportingTheCut()
    {
        var data = Corpus(large: false).Bytes;
        var whole = Gzip(data, CompressionLevel.Optimal);
        var cut = whole[..(whole.Length / 2)];
        var prefix = ReferenceGunzip(cut);

        using var gzip = new GzipDecodingStream(new MemoryStream(cut));
        var buffer = new byte[1 << 20]; // far more than is decodable: what there is still comes back first
        var read = gzip.Read(buffer, 0, buffer.Length);
        var total = read;
        while (read > 0 && total < prefix.Length)
        {
            read = gzip.Read(buffer, total, buffer.Length - total);
            total += read;
        }

        Assert.Equal(prefix, buffer[..total]);
        var e = Assert.Throws<EndOfStreamException>(() => gzip.Read(buffer, 0, buffer.Length));
        Assert.Contains("deflate data of member 1", e.Message);
    }

    /// <summary>Rewrites a gzip member's header to carry FEXTRA, FNAME, FCOMMENT and FHCRC.</summary>
    private static byte[] WithOptionalHeaderFields(byte[] member)
    {
        var header = new MemoryStream();
        header.Write([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3]);
        var extra = Encoding.ASCII.GetBytes("AB\u0004\0data");
        header.Write(BitConverter.GetBytes((ushort)extra.Length));
        header.Write(extra);
        header.Write(Encoding.ASCII.GetBytes("name-of-the-file.jsonl\0"));
        header.Write(Encoding.ASCII.GetBytes("a comment\0"));
        var crc = (ushort)Crc32.HashToUInt32(header.ToArray());
        Span<byte> crc16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(crc16, crc);
        header.Write(crc16);
        return [.. header.ToArray(), .. member.AsSpan(10)];
    }
}
