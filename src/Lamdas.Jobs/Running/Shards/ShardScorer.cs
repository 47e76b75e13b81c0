using System.Runtime.CompilerServices;
using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Scores one input shard: reads its records and prepares them (tokenization on the thread pool, running ahead of
/// the model through a <see cref="ReadAhead{T}"/>), then scores them in chunks with the method's scorer. Writing the
/// shard's files is the <see cref="ShardWriter"/>'s work.
/// </summary>
public sealed class ShardScorer(IObjectStore store, JobSpec spec, IJobScorer scorer)
{
    private const int ChunkRecords = 256;

    private readonly ReadAhead<List<PreparedRecord>> _readAhead = new(4);

    private readonly DocumentPreparer _preparer = new(spec.Record, scorer, spec.MaxTokens);

    /// <summary>Prepared (read and tokenized) chunks waiting for the model.</summary>
    public int QueuedChunks => _readAhead.Queued;

    /// <summary>Threshold mode selects while scoring; top-fraction selects in a second phase.</summary>
    private bool SelectsWhileScoring => spec.Selection.Mode == SelectionMode.Threshold;

    private double CutOff => spec.Selection.CutOff(spec.Method);

    /// <summary>
    /// Reads and prepares a shard's records and scores them in chunks; in threshold mode each row says whether it is
    /// selected.
    /// </summary>
    public async IAsyncEnumerable<ScoredChunk> ScoreAsync(ShardSpec shard, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shard);
        await foreach (var chunk in ReadChunksAsync(shard, ct))
        {
            var valid = chunk.Where(c => c.Document is not null).ToList();
            var results = valid.Count == 0 ? [] : scorer.Score(valid.Select(c => c.Document!).ToList(), ct);
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
                var keep = SelectsWhileScoring && r.Score > CutOff;
                rows.Add(new ScoreRow(doc.Id, shard.Uri, item.Record!.Position, r.Tokens, r.LogProbBase, r.LogProbPrefix, r.Score, keep,
                    spec.Cascade is null ? null : r.Stage1Score));
                if (!double.IsNaN(r.Score))
                {
                    examples.Offer(doc.Id, r.Score, r.Tokens, () => Snippet(doc.Text));
                }

                chunkTokens += r.Tokens;
                chunkSelected += keep ? 1 : 0;
            }

            yield return new ScoredChunk(rows, bad, examples.Top, examples.Bottom, chunkSelected, chunkTokens);
        }
    }

    private IAsyncEnumerable<List<PreparedRecord>> ReadChunksAsync(ShardSpec shard, CancellationToken ct) =>
        _readAhead.RunAsync(async (writer, token) =>
        {
            await using var reader = await RecordReaders.OpenAsync(store, shard, new RecordReaderOptions(), token);
            var pending = new List<ReadResult>(ChunkRecords);
            await foreach (var item in reader.ReadAsync(token))
            {
                pending.Add(item);
                if (pending.Count == ChunkRecords)
                {
                    await writer.WriteAsync(Prepare(pending), token);
                    pending = new List<ReadResult>(ChunkRecords);
                }
            }

            if (pending.Count > 0)
            {
                await writer.WriteAsync(Prepare(pending), token);
            }
        }, ct);

    private List<PreparedRecord> Prepare(List<ReadResult> items)
    {
        var prepared = new PreparedRecord[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            var item = items[i];
            if (item.Bad is { } bad)
            {
                prepared[i] = new PreparedRecord(null, null, bad);
                return;
            }

            var record = item.Record!;
            var (doc, error) = _preparer.Prepare(record.Json!.Value);
            prepared[i] = error is null
                ? new PreparedRecord(record, doc, null)
                : new PreparedRecord(record, null, new BadRecord(record.Source, record.Position, error, record.Raw));
        });
        return [.. prepared];
    }

    private static string Snippet(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
