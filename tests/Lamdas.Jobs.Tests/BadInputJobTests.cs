using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Parquet;
using Parquet.Schema;

namespace Lamdas.Jobs.Tests;

/// <summary>A job fed every kind of bad input finishes, quarantines each bad record with its reason and loses no valid one.</summary>
[Integration]
public sealed class BadInputJobTests(TestWorkspace workspace) : IClassFixture<TestWorkspace>
{
    private static readonly DataField[] Fields = [new DataField<string>("id", false), new DataField<string>("text", false)];

    [Fact]
    public async Task EveryKindOfBadInputIsQuarantinedAndTheJobFinishes()
    {
        var dir = workspace.Path("bad-inputs");
        Directory.CreateDirectory(dir);
        var good = workspace.CandidateLines.Take(24).ToList();
        var ids = good.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();

        // Plain JSONL: malformed JSON, invalid UTF-8, missing and empty text, a 10 MB line.
        using (var plain = File.Create(Path.Combine(dir, "a.jsonl")))
        {
            void Line(string s) => plain.Write(Encoding.UTF8.GetBytes(s + "\n"));
            Line(good[0]);
            Line("{\"id\": \"broken\", \"text\": ");
            plain.Write([.. "{\"id\": \"latin1\", \"text\": \"caf"u8, 0xE9, .. "\"}\n"u8]);
            Line("{\"id\": \"no-text\"}");
            Line("{\"id\": \"empty\", \"text\": \"\"}");
            Line("{\"id\": \"huge\", \"text\": \"" + new string('x', 10 * 1024 * 1024) + "\"}");
            Line(good[1]);
        }

        // Truncated gzip and zstd files: the complete records before the cut survive (zstd decodes whole blocks, so
        // the writer ends a block after every line, as a streaming producer flushing per record does).
        var gz = Compress(good.Skip(2).Take(8), s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
        File.WriteAllBytes(Path.Combine(dir, "b.jsonl.gz"), gz[..(gz.Length * 2 / 3)]);
        var zst = Compress(good.Skip(10).Take(8), s => new ZstdSharp.CompressionStream(s, 3, leaveOpen: true), flushEachLine: true);
        File.WriteAllBytes(Path.Combine(dir, "c.jsonl.zst"), zst[..(zst.Length * 2 / 3)]);

        // Parquet with three row groups, the middle one corrupted.
        var parquetRows = good.Skip(18).Take(6).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: e.GetProperty("id").GetString()!, Text: e.GetProperty("text").GetString()!)).ToList();
        File.WriteAllBytes(Path.Combine(dir, "d.parquet"), await CorruptParquetAsync(parquetRows));

        var output = workspace.Path("out-bad-inputs");
        var spec = JobSpecParser.Parse($$"""
            name: bad-inputs
            model: {{workspace.Model}}
            prefix: { reference: {{workspace.Reference}}, length: 4, epochs: 1 }
            input: {{dir}}/*
            output: {{output}}
            max_tokens: 64
            max_bad_fraction: 0.9
            selection: { mode: top-fraction, fraction: 0.5 }
            """);
        var outcome = await new JobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Message);

        var quarantine = Directory.GetFiles(Path.Combine(output, "quarantine")).SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString()!).ToList();
        Assert.Contains(quarantine, r => r.StartsWith("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(quarantine, r => r == "invalid UTF-8");
        Assert.Contains(quarantine, r => r.Contains("missing text", StringComparison.Ordinal));
        Assert.Contains(quarantine, r => r.Contains("is empty", StringComparison.Ordinal));
        Assert.Contains(quarantine, r => r.StartsWith("line exceeds", StringComparison.Ordinal));
        Assert.Contains(quarantine, r => r.StartsWith("truncated gzip", StringComparison.Ordinal));
        Assert.Contains(quarantine, r => r.StartsWith("truncated zstd", StringComparison.Ordinal));
        Assert.Contains(quarantine, r => r.StartsWith("unreadable Parquet row group 1", StringComparison.Ordinal));
        Assert.Equal(outcome.Quarantined, quarantine.Count);

        var scored = Directory.GetFiles(Path.Combine(output, "scores"), "*.parquet").SelectMany(f =>
        {
            using var s = File.OpenRead(f);
            return ScoresParquet.ReadAsync(s, CancellationToken.None).GetAwaiter().GetResult();
        }).Select(r => r.Id).ToList();
        Assert.Equal(scored.Count, scored.Distinct().Count());
        Assert.Contains(ids[0], scored);
        Assert.Contains(ids[1], scored);
        Assert.Contains(ids[2], scored);
        Assert.Contains(ids[10], scored);
        Assert.Contains(parquetRows[0].Id, scored);
        Assert.Contains(parquetRows[^1].Id, scored);
        Assert.DoesNotContain(parquetRows[2].Id, scored);
        Assert.Equal(outcome.Documents, scored.Count);
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));

        var strict = spec with { Output = workspace.Path("out-bad-inputs-strict"), MaxBadFraction = 0.01 };
        var failed = await new JobRunner(strict, new JobRunnerOptions()).RunAsync(CancellationToken.None);
        Assert.False(failed.Succeeded);
        Assert.False(File.Exists(Path.Combine(strict.Output, "_SUCCESS")));
    }

    private static byte[] Compress(IEnumerable<string> lines, Func<Stream, Stream> wrap, bool flushEachLine = false)
    {
        var buffer = new MemoryStream();
        using (var stream = wrap(buffer))
        {
            foreach (var line in lines)
            {
                stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
                if (flushEachLine)
                {
                    stream.Flush();
                }
            }
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]> CorruptParquetAsync(List<(string Id, string Text)> rows)
    {
        var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Fields), output, null, false, default))
        {
            foreach (var group in rows.Chunk(2))
            {
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync(Fields[0], group.Select(r => r.Id).ToArray(), null);
                await rowGroup.WriteAsync(Fields[1], group.Select(r => r.Text).ToArray(), null);
            }
        }

        var file = output.ToArray();
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file), null, false, default);
        foreach (var column in reader.Metadata!.RowGroups[1].Columns)
        {
            var meta = column.MetaData!;
            var start = meta.DictionaryPageOffset is > 0 and var d ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
            var middle = (int)(start + (meta.TotalCompressedSize / 2));
            file.AsSpan(middle - 8, 16).Fill(0xFF);
        }

        return file;
    }
}
