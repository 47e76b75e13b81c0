using Lamdas.Formats;

namespace Lamdas.Jobs.Running;

/// <summary>Collects a shard's scored chunks, in order, until its output files are written.</summary>
public sealed class ShardAccumulator
{
    public const int ExamplesPerShard = 5;

    private readonly List<ScoreRow> rows = [];
    private readonly List<BadRecord> bad = [];
    private readonly ExampleKeeper examples = new(ExamplesPerShard);

    public IReadOnlyList<ScoreRow> Rows => rows;

    public IReadOnlyList<BadRecord> Bad => bad;

    public IReadOnlyList<Example> Top => examples.Top;

    public IReadOnlyList<Example> Bottom => examples.Bottom;

    public long Selected { get; private set; }

    public long Tokens { get; private set; }

    public void Add(ScoredChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        rows.AddRange(chunk.Rows);
        bad.AddRange(chunk.Bad);
        examples.Merge(chunk.Top, chunk.Bottom);
        Selected += chunk.Selected;
        Tokens += chunk.Tokens;
    }
}
