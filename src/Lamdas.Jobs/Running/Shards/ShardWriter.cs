using System.Diagnostics;
using System.Security.Cryptography;
using Lamdas.Formats;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Commits a scored shard's files under deterministic names — scores, the selected records (re-read from the shard
/// at the selected positions, byte for byte), the quarantine and the shard's completion marker — each a pure
/// function of the shard, the model, the prefix and the spec. Needs no scorer: the local runner, the cluster's
/// aggregators and top-fraction selection all write through it.
/// </summary>
public sealed class ShardWriter(JobOutput output)
{
    /// <summary>
    /// Writes the shard's files, then its completion marker (what a resumed run adopts), and returns what was written;
    /// <paramref name="clock"/>, when given, times the shard from its start to its files being written.
    /// </summary>
    public async Task<ShardResult> CommitAsync(int index, ShardSpec shard, ShardAccumulator scored, Stopwatch? clock, CancellationToken ct)
    {
        var written = await WriteAsync(index, shard, scored, ct);
        if (clock is not null)
        {
            written = written with { Seconds = clock.Elapsed.TotalSeconds };
        }

        await StoreJson.WriteAsync(output.Store, output.OutputUri(JobPaths.ShardMarker(index)), written, ct);
        return written;
    }

    /// <summary>Writes a scored shard's files: scores, the selected records and the quarantine.</summary>
    public async Task<ShardResult> WriteAsync(int index, ShardSpec shard, ShardAccumulator scored, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(scored);
        var part = JobOutput.PartName(index);
        var files = new List<OutputFile>
        {
            await CommitAsync($"scores/{part}.parquet", s => ScoresParquet.WriteAsync(s, scored.Rows, ct, output.Spec.Cascade is not null), ct),
        };
        var keep = scored.Rows.Where(r => r.Selected).Select(r => r.Position).ToHashSet();
        if (await WriteSelectedAsync(index, shard, keep, ct) is { } selectedFile)
        {
            files.Add(selectedFile);
        }

        if (scored.Bad.Count > 0)
        {
            files.Add(await CommitAsync($"quarantine/{part}.jsonl", s => QuarantineWriter.WriteAsync(s, scored.Bad, ct), ct));
        }

        return ShardResult.For(index, shard) with
        {
            Documents = scored.Rows.Count,
            Quarantined = scored.Bad.Count,
            Selected = keep.Count,
            Tokens = scored.Tokens,
            ModelDocuments = output.Spec.Cascade is null ? null : scored.Rows.LongCount(r => r.ReachedModel),
            ModelTokens = output.Spec.Cascade is null ? null : scored.Rows.Where(r => r.ReachedModel).Sum(r => (long)r.Tokens),
            Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
            Top = scored.Top,
            Bottom = scored.Bottom,
        };
    }

    /// <summary>Re-reads a shard and writes the records whose positions are in <paramref name="keep"/> (top-fraction phase 2).</summary>
    public async Task<OutputFile?> WriteSelectedAsync(int index, ShardSpec shard, IReadOnlySet<long> keep, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(keep);
        if (keep.Count == 0)
        {
            return null;
        }

        var outputFormat = output.OutputFormat(shard.Format);
        var path = Path.Combine(Path.GetTempPath(), $"lamdas-{Environment.ProcessId}-{Guid.NewGuid():N}.part");
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                var writer = await SelectedWriterAsync(file, outputFormat, shard, ct);
                await using var reader = await RecordReaders.OpenAsync(output.Store, shard, new RecordReaderOptions(), ct);
                await foreach (var item in reader.ReadAsync(ct))
                {
                    if (item.Record is { } record && keep.Contains(record.Position))
                    {
                        await writer.WriteAsync(record, ct);
                    }
                }

                await writer.CompleteAsync(ct);
                await writer.DisposeAsync();
            }

            return await CommitFileAsync($"selected/{JobOutput.PartName(index)}{RecordFormats.Extension(outputFormat)}", path, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ISelectedRecordWriter> SelectedWriterAsync(Stream stream, RecordFormat format, ShardSpec shard, CancellationToken ct)
    {
        if (format == RecordFormat.Parquet && shard.Format != RecordFormat.Parquet)
        {
            throw new InvalidOperationException("output_format parquet needs Parquet input");
        }

        var schema = format == RecordFormat.Parquet ? await ParquetSchemaSource.ReadAsync(output.Store, shard.Uri, ct) : null;
        return SelectedRecordWriters.Create(stream, format, schema);
    }

    private async Task<OutputFile> CommitAsync(string relative, Func<Stream, Task> write, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lamdas-{Environment.ProcessId}-{Guid.NewGuid():N}.out");
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                await write(file);
            }

            return await CommitFileAsync(relative, path, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<OutputFile> CommitFileAsync(string relative, string localPath, CancellationToken ct)
    {
        byte[] hash;
        long length;
        await using (var input = File.OpenRead(localPath))
        {
            length = input.Length;
            hash = await SHA256.HashDataAsync(input, ct);
        }

        await output.Store.WriteAsync(output.OutputUri(relative), async (stream, token) =>
        {
            await using var input = File.OpenRead(localPath);
            await input.CopyToAsync(stream, token);
        }, ct);
        return new OutputFile(relative, length, Convert.ToHexStringLower(hash));
    }
}
