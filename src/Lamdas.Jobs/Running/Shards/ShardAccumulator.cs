using Lamdas.Formats;

namespace Lamdas.Jobs.Running;

/// <summary>Collects a shard's scored chunks, in order, until its output files are written.</summary>
public sealed class ShardAccumulator
{
    public const int ExamplesPerShard = 5;

    private readonly List<ScoreRow> _rows = [];
    private readonly List<BadRecord> _bad = [];
    private readonly ExampleKeeper _examples = new(ExamplesPerShard);

    public IReadOnlyList<ScoreRow> Rows => _rows;

    public IReadOnlyList<BadRecord> Bad => _bad;

    public IReadOnlyList<Example> Top => _examples.Top;

    public IReadOnlyList<Example> Bottom => _examples.Bottom;

    public long Selected { get; private set; }

    public long Tokens { get; private set; }

    public void Add(ScoredChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _rows.AddRange(chunk.Rows);
        _bad.AddRange(chunk.Bad);
        _examples.Merge(chunk.Top, chunk.Bottom);
        Selected += chunk.Selected;
        Tokens += chunk.Tokens;
    }
}
