using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Workers;

/// <summary>Turns a scored chunk into the column-wise message an aggregator takes.</summary>
internal static class ScoreBatches
{
    public static ScoreBatch From(int sequence, ScoredChunk chunk) => new()
    {
        Sequence = sequence,
        Ids = chunk.Rows.Select(r => r.Id).ToArray(),
        Positions = chunk.Rows.Select(r => r.Position).ToArray(),
        Tokens = chunk.Rows.Select(r => r.Tokens).ToArray(),
        LogProbBase = chunk.Rows.Select(r => r.LogProbBase).ToArray(),
        LogProbPrefix = chunk.Rows.Select(r => r.LogProbPrefix).ToArray(),
        Scores = chunk.Rows.Select(r => r.Score).ToArray(),
        Selected = chunk.Rows.Select(r => r.Selected).ToArray(),
        Bad = chunk.Bad.Select(b => new QuarantinedRecord(b.Source, b.Position, b.Reason, b.Raw.ToArray())).ToList(),
        Top = chunk.Top.Select(e => new ScoredExample(e.Id, e.Score, e.Tokens, e.Snippet)).ToList(),
        Bottom = chunk.Bottom.Select(e => new ScoredExample(e.Id, e.Score, e.Tokens, e.Snippet)).ToList(),
    };
}
