using Lamdas.Cluster.Messages;
using Lamdas.Formats;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Aggregation;

/// <summary>
/// The one mapping between the engine's scored chunks and the aggregator's messages: a worker sends a chunk as a
/// column-wise <see cref="ScoreBatch"/>, and the aggregator turns it back into the chunk it writes.
/// </summary>
internal static class ScoreBatches
{
    public static ScoreBatch From(int sequence, ScoredChunk chunk, int domain = 0) => new()
    {
        Sequence = sequence,
        Domain = domain,
        Ids = chunk.Rows.Select(r => r.Id).ToArray(),
        Positions = chunk.Rows.Select(r => r.Position).ToArray(),
        Tokens = chunk.Rows.Select(r => r.Tokens).ToArray(),
        LogProbBase = chunk.Rows.Select(r => r.LogProbBase).ToArray(),
        LogProbPrefix = chunk.Rows.Select(r => r.LogProbPrefix).ToArray(),
        Scores = chunk.Rows.Select(r => r.Score).ToArray(),
        Selected = chunk.Rows.Select(r => r.Selected).ToArray(),
        Stage1Scores = chunk.Rows.Count > 0 && chunk.Rows[0].Stage1Score is not null ? chunk.Rows.Select(r => r.Stage1Score ?? double.NaN).ToArray() : null,
        Bad = chunk.Bad.Select(b => new QuarantinedRecord(b.Source, b.Position, b.Reason, b.Raw.ToArray())).ToList(),
        Top = chunk.Top.Select(e => new ScoredExample(e.Id, e.Score, e.Tokens, e.Snippet)).ToList(),
        Bottom = chunk.Bottom.Select(e => new ScoredExample(e.Id, e.Score, e.Tokens, e.Snippet)).ToList(),
    };

    /// <summary>The chunk a batch was made from; <paramref name="source"/> is the shard's input file.</summary>
    public static ScoredChunk ToChunk(ScoreBatch batch, string source)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = new ScoreRow[batch.Ids.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new ScoreRow(batch.Ids[i], source, batch.Positions[i], batch.Tokens[i], batch.LogProbBase[i],
                batch.LogProbPrefix[i], batch.Scores[i], batch.Selected[i], batch.Stage1Scores?[i]);
        }

        return new ScoredChunk(
            rows,
            batch.Bad.Select(b => new BadRecord(b.Source, b.Position, b.Reason, b.Raw)).ToList(),
            batch.Top.Select(ToExample).ToList(),
            batch.Bottom.Select(ToExample).ToList(),
            batch.Selected.LongCount(s => s),
            batch.Tokens.Sum(t => (long)t));
    }

    private static Example ToExample(ScoredExample e) => new(e.Id, e.Score, e.Tokens, e.Snippet);
}
