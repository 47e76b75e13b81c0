using System.Runtime.CompilerServices;
using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;
using Lamdas.Reporting;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Scores one input shard: reads its records and prepares them (tokenization on the thread pool, running ahead of
/// the model through a <see cref="ReadAhead{T}"/>), then scores them in chunks with the method's scorer — with each
/// domain's scorer in turn for a job of several domains, which share the reading, the tokens and, through their
/// <see cref="Scoring.Passes.ModelPasses"/>, any pass they have in common. Writing the shard's files is the
/// <see cref="ShardWriter"/>'s work.
/// </summary>
public sealed class ShardScorer
{
    private const int ChunkRecords = 256;

    private readonly ReadAhead<List<PreparedRecord>> _readAhead = new(4);
    private readonly IObjectStore _store;
    private readonly JobSpec _spec;
    private readonly IReadOnlyList<(JobSpec Spec, IJobScorer Scorer)> _domains;
    private readonly DocumentPreparer _preparer;

    /// <summary>A job of one domain.</summary>
    public ShardScorer(IObjectStore store, JobSpec spec, IJobScorer scorer)
        : this(store, spec, [(spec, scorer)])
    {
    }

    /// <summary>
    /// A job of one or more domains: each domain's single-domain spec (<see cref="JobSpec.PerDomain"/>) and scorer, in
    /// the order of the spec. The first domain's scorer tokenizes for all: every domain reads with the same model.
    /// </summary>
    public ShardScorer(IObjectStore store, JobSpec spec, IReadOnlyList<(JobSpec Spec, IJobScorer Scorer)> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentOutOfRangeException.ThrowIfZero(domains.Count);
        _store = store;
        _spec = spec;
        _domains = domains;
        _preparer = new DocumentPreparer(spec.Record, _domains[0].Scorer, spec.MaxTokens);
    }

    /// <summary>Prepared (read and tokenized) chunks waiting for the model.</summary>
    public int QueuedChunks => _readAhead.Queued;

    /// <summary>Threshold mode selects while scoring; top-fraction selects in a second phase.</summary>
    private bool SelectsWhileScoring => _spec.Selection.Mode == SelectionMode.Threshold;

    private double CutOff => _spec.Selection.CutOff(_spec.Method);

    /// <summary>
    /// Reads and prepares a shard's records and scores them in chunks; in threshold mode each row says whether it is
    /// selected. A job of several domains gets the first domain's chunks (<see cref="ScoreDomainsAsync"/> has them all).
    /// </summary>
    public async IAsyncEnumerable<ScoredChunk> ScoreAsync(ShardSpec shard, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var chunks in ScoreDomainsAsync(shard, ct))
        {
            yield return chunks[0];
        }
    }

    /// <summary>As <see cref="ScoreAsync"/>, with each chunk's scores for every domain, in the order of the spec.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ScoredChunk>> ScoreDomainsAsync(ShardSpec shard, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shard);
        await foreach (var chunk in ReadChunksAsync(shard, ct))
        {
            var valid = chunk.Where(c => c.Document is not null).Select(c => c.Document!).ToList();
            var bad = chunk.Where(c => c.Bad is not null).Select(c => c.Bad!).ToList();
            var perDomain = new ScoredChunk[_domains.Count];
            for (var d = 0; d < _domains.Count; d++)
            {
                var results = valid.Count == 0 ? [] : await _domains[d].Scorer.ScoreAsync(valid, ct);
                perDomain[d] = Rows(shard, chunk, results, bad, _domains[d].Spec);
            }

            yield return perDomain;
        }
    }

    private ScoredChunk Rows(ShardSpec shard, List<PreparedRecord> chunk, ScoredDocument[] results, List<BadRecord> bad, JobSpec domain)
    {
        var next = 0;
        long chunkSelected = 0;
        long chunkTokens = 0;
        var rows = new List<ScoreRow>(results.Length);
        var examples = new ExampleKeeper(ShardAccumulator.ExamplesPerShard);
        foreach (var item in chunk)
        {
            if (item.Bad is not null)
            {
                continue;
            }

            var doc = item.Document!;
            var r = results[next++];
            var keep = SelectsWhileScoring && r.Score > CutOff;
            rows.Add(new ScoreRow(doc.Id, shard.Uri, item.Record!.Position, r.Tokens, r.LogProbBase, r.LogProbPrefix, r.Score, keep,
                domain.Cascade is null ? null : r.Stage1Score));
            if (!double.IsNaN(r.Score))
            {
                examples.Offer(doc.Id, r.Score, r.Tokens, () => Snippet.Cut(doc.Text, Snippet.StoredChars));
            }

            chunkTokens += r.Tokens;
            chunkSelected += keep ? 1 : 0;
        }

        return new ScoredChunk(rows, bad, examples.Top, examples.Bottom, chunkSelected, chunkTokens);
    }

    private IAsyncEnumerable<List<PreparedRecord>> ReadChunksAsync(ShardSpec shard, CancellationToken ct) =>
        _readAhead.RunAsync(async (writer, token) =>
        {
            await using var reader = await RecordReaders.OpenAsync(_store, shard, new RecordReaderOptions(), token);
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
}
