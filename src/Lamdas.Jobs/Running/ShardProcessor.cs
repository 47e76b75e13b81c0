using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Lamdas.Formats;
using Lamdas.Jobs.Scoring;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Scores one input shard: reads and prepares records (tokenization on the thread pool, running ahead of the model),
/// scores them in batches, and commits the shard's output files — each a pure function of the shard, the model,
/// the prefix and the spec — under deterministic names.
/// </summary>
public sealed class ShardProcessor(JobContext context)
{
    private const int ChunkRecords = 256;

    private Channel<List<PreparedItem>>? readAhead;

    /// <summary>Prepared (read and tokenized) chunks waiting for the model.</summary>
    public int QueuedChunks => readAhead?.Reader.Count ?? 0;

    /// <summary>Scores a shard and writes its output files (the single-process path).</summary>
    public async Task<ShardResult> ProcessAsync(int index, ShardSpec shard, Action<long, long, long>? onBatch, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var shardOutput = new ShardAccumulator();
        await foreach (var chunk in ScoreAsync(shard, ct))
        {
            shardOutput.Add(chunk);
            onBatch?.Invoke(chunk.Rows.Count, chunk.Selected, chunk.Tokens);
        }

        var result = await WriteAsync(index, shard, shardOutput, ct);
        return result with { Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// Reads and prepares a shard's records (tokenization on the thread pool, running ahead of the model) and
    /// scores them in chunks; in threshold mode each row says whether it is selected.
    /// </summary>
    public async IAsyncEnumerable<ScoredChunk> ScoreAsync(ShardSpec shard, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var chunk in ReadChunksAsync(shard, ct))
        {
            var valid = chunk.Where(c => c.Document is not null).ToList();
            var results = valid.Count == 0 ? [] : context.Scorer.Score(valid.Select(c => c.Document!).ToList(), ct);
            var next = 0;
            long chunkSelected = 0;
            long chunkTokens = 0;
            var rows = new List<ScoreRow>(valid.Count);
            var bad = new List<BadRecord>();
            var examples = new ExampleKeeper(ShardAccumulator.ExamplesPerShard);
            foreach (var item in chunk)
            {
                if (item.Bad is not null)
                {
                    bad.Add(item.Bad);
                    continue;
                }

                var doc = item.Document!;
                var r = results[next++];
                var keep = context.SelectsWhileScoring && r.Score > context.CutOff;
                rows.Add(new ScoreRow(doc.Id, shard.Uri, item.Record!.Position, r.Tokens, r.LogProbBase, r.LogProbPrefix, r.Score, keep));
                examples.Offer(doc.Id, r.Score, r.Tokens, () => Snippet(doc.Text));
                chunkTokens += r.Tokens;
                chunkSelected += keep ? 1 : 0;
            }

            yield return new ScoredChunk(rows, bad, examples.Top, examples.Bottom, chunkSelected, chunkTokens);
        }
    }

    /// <summary>
    /// Writes a scored shard's files under deterministic names — scores, the selected records (re-read from the
    /// shard at the selected positions, byte for byte) and the quarantine — each a pure function of the shard,
    /// the model, the prefix and the spec.
    /// </summary>
    public async Task<ShardResult> WriteAsync(int index, ShardSpec shard, ShardAccumulator shardOutput, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shardOutput);
        var part = context.PartName(index);
        var files = new List<OutputFile>
        {
            await CommitAsync($"scores/{part}.parquet", s => ScoresParquet.WriteAsync(s, shardOutput.Rows, ct), ct),
        };
        var keep = shardOutput.Rows.Where(r => r.Selected).Select(r => r.Position).ToHashSet();
        if (await WriteSelectedAsync(index, shard, keep, ct) is { } selectedFile)
        {
            files.Add(selectedFile);
        }

        if (shardOutput.Bad.Count > 0)
        {
            files.Add(await CommitAsync($"quarantine/{part}.jsonl", s => QuarantineWriter.WriteAsync(s, shardOutput.Bad, ct), ct));
        }

        return ShardResult.For(index, shard) with
        {
            Documents = shardOutput.Rows.Count,
            Quarantined = shardOutput.Bad.Count,
            Selected = keep.Count,
            Tokens = shardOutput.Tokens,
            Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
            Top = shardOutput.Top,
            Bottom = shardOutput.Bottom,
        };
    }

    /// <summary>Re-reads a shard and writes the records whose positions are in <paramref name="keep"/> (top-fraction phase 2).</summary>
    public async Task<OutputFile?> WriteSelectedAsync(int index, ShardSpec shard, IReadOnlySet<long> keep, CancellationToken ct)
    {
        if (keep.Count == 0)
        {
            return null;
        }

        var outputFormat = context.OutputFormat(shard.Format);
        var path = Path.Combine(Path.GetTempPath(), $"lamdas-{Environment.ProcessId}-{Guid.NewGuid():N}.part");
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                var writer = await SelectedWriterAsync(file, outputFormat, shard, ct);
                await using var reader = await RecordReaders.OpenAsync(context.Store, shard, new RecordReaderOptions(), ct);
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

            return await CommitFileAsync($"selected/{context.PartName(index)}{RecordFormats.Extension(outputFormat)}", path, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ISelectedRecordWriter> SelectedWriterAsync(Stream output, RecordFormat format, ShardSpec shard, CancellationToken ct)
    {
        if (format == RecordFormat.Parquet && shard.Format != RecordFormat.Parquet)
        {
            throw new InvalidOperationException("output_format parquet needs Parquet input");
        }

        var schema = format == RecordFormat.Parquet ? await ParquetSchemaSource.ReadAsync(context.Store, shard.Uri, ct) : null;
        return SelectedRecordWriters.Create(output, format, schema);
    }

    private async IAsyncEnumerable<List<PreparedItem>> ReadChunksAsync(ShardSpec shard, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<List<PreparedItem>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        readAhead = channel;
        var producer = Task.Run(async () =>
        {
            try
            {
                await using var reader = await RecordReaders.OpenAsync(context.Store, shard, new RecordReaderOptions(), ct);
                var pending = new List<ReadResult>(ChunkRecords);
                await foreach (var item in reader.ReadAsync(ct))
                {
                    pending.Add(item);
                    if (pending.Count == ChunkRecords)
                    {
                        await channel.Writer.WriteAsync(Prepare(pending), ct);
                        pending = new List<ReadResult>(ChunkRecords);
                    }
                }

                if (pending.Count > 0)
                {
                    await channel.Writer.WriteAsync(Prepare(pending), ct);
                }

                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, ct);

        await foreach (var chunk in channel.Reader.ReadAllAsync(ct))
        {
            yield return chunk;
        }

        await producer;
    }

    private List<PreparedItem> Prepare(List<ReadResult> items)
    {
        var prepared = new PreparedItem[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            var item = items[i];
            if (item.Bad is { } bad)
            {
                prepared[i] = new PreparedItem(null, null, bad);
                return;
            }

            var record = item.Record!;
            var (doc, error) = context.Preparer.Prepare(record.Json!.Value);
            prepared[i] = error is null
                ? new PreparedItem(record, doc, null)
                : new PreparedItem(record, null, new BadRecord(record.Source, record.Position, error, record.Raw));
        });
        return [.. prepared];
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

        await context.Store.WriteAsync(context.OutputUri(relative), async (stream, token) =>
        {
            await using var input = File.OpenRead(localPath);
            await input.CopyToAsync(stream, token);
        }, ct);
        return new OutputFile(relative, length, Convert.ToHexStringLower(hash));
    }

    private static string Snippet(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private sealed record PreparedItem(SourceRecord? Record, PreparedDocument? Document, BadRecord? Bad);
}
