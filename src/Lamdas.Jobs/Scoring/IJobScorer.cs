namespace Lamdas.Jobs.Scoring;

/// <summary>Scores candidates for one job (higher = more in-domain). Implementations may hold a model.</summary>
public interface IJobScorer : IDisposable
{
    /// <summary>Whether documents need token ids (LM methods).</summary>
    bool NeedsTokens { get; }

    /// <summary>Token ids for a text, truncated to the job's max tokens; null for baselines.</summary>
    int[]? Tokenize(string text);

    /// <summary>Scores a chunk of documents; a model-backed scorer checks <paramref name="ct"/> before every batch.</summary>
    Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct);
}
