using System.Diagnostics;
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
    private const int ExamplesPerShard = 5;

    public async Task<ShardResult> ProcessAsync(int index, ShardSpec shard, Action<long, long, long>? onBatch, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var part = context.PartName(index);
        var outputFormat = context.OutputFormat(shard.Format);
        var scores = new List<ScoreRow>();
        var bad = new List<BadRecord>();
        var examples = new ExampleKeeper(ExamplesPerShard);
        long selected = 0;
        long tokens = 0;

        var selectedPath = Path.Combine(Path.GetTempPath(), $"lamdas-{Environment.ProcessId}-{Guid.NewGuid():N}.part");
        try
        {
            await using (var selectedFile = new FileStream(selectedPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                ISelectedRecordWriter? writer = null;
                await foreach (var chunk in ReadChunksAsync(shard, ct))
                {
                    var valid = chunk.Where(c => c.Document is not null).ToList();
                    var results = valid.Count == 0 ? [] : context.Scorer.Score(valid.Select(c => c.Document!).ToList());
                    var next = 0;
                    long chunkSelected = 0;
                    long chunkTokens = 0;
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
                        scores.Add(new ScoreRow(doc.Id, shard.Uri, item.Record!.Position, r.Tokens, r.LogProbBase, r.LogProbPrefix, r.Score, keep));
                        examples.Offer(doc.Id, r.Score, r.Tokens, () => Snippet(doc.Text));
                        chunkTokens += r.Tokens;
                        if (keep)
                        {
                            writer ??= await SelectedWriterAsync(selectedFile, outputFormat, shard, ct);
                            await writer.WriteAsync(item.Record, ct);
                            chunkSelected++;
                        }
                    }

                    selected += chunkSelected;
                    tokens += chunkTokens;
                    onBatch?.Invoke(valid.Count, chunkSelected, chunkTokens);
                }

                if (writer is not null)
                {
                    await writer.CompleteAsync(ct);
                    await writer.DisposeAsync();
                }
            }

            ct.ThrowIfCancellationRequested();
            var files = new List<OutputFile>();
            files.Add(await CommitAsync($"scores/{part}.parquet", s => ScoresParquet.WriteAsync(s, scores, ct), ct));
            if (selected > 0)
            {
                files.Add(await CommitFileAsync($"selected/{part}{RecordFormats.Extension(outputFormat)}", selectedPath, ct));
            }

            if (bad.Count > 0)
            {
                files.Add(await CommitAsync($"quarantine/{part}.jsonl", s => QuarantineWriter.WriteAsync(s, bad, ct), ct));
            }

            return new ShardResult
            {
                Index = index,
                Source = shard.Uri,
                Start = shard.Start,
                End = shard.End,
                RowGroup = shard.RowGroup,
                Documents = scores.Count,
                Quarantined = bad.Count,
                Selected = selected,
                Tokens = tokens,
                Seconds = clock.Elapsed.TotalSeconds,
                Files = files,
                Top = examples.Top,
                Bottom = examples.Bottom,
            };
        }
        finally
        {
            File.Delete(selectedPath);
        }
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

    private async IAsyncEnumerable<List<PreparedItem>> ReadChunksAsync(ShardSpec shard,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<List<PreparedItem>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
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
