namespace Lamdas.Jobs.Scoring;

/// <summary>Stands in for a scorer where records are only read and written again (selection, finalization).</summary>
public sealed class RecordsOnlyScorer : IJobScorer
{
    public static readonly RecordsOnlyScorer Instance = new();

    private RecordsOnlyScorer()
    {
    }

    public bool NeedsTokens => false;

    public int[]? Tokenize(string text) => null;

    public ScoredDocument[] Score(IReadOnlyList<PreparedDocument> documents, CancellationToken ct) =>
        throw new NotSupportedException("this context only reads and writes records");

    public void Dispose()
    {
    }
}
