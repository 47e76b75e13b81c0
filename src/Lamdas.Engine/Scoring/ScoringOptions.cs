namespace Lamdas.Engine.Scoring;

/// <summary>Batching and truncation for log-likelihood computation.</summary>
public sealed record ScoringOptions
{
    /// <summary>Documents are truncated to their first N tokens.</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>
    /// 0 scores each document once, in its whole (truncated) context. N &gt; 0 adds a second view: the document cut into
    /// consecutive windows of N tokens, each scored from a fresh start, and the LAMDAS score sums the log-ratios of both
    /// views (see <see cref="LogLikelihoodEngine.Score"/>).
    /// </summary>
    public int WindowTokens { get; init; }

    /// <summary>Padded tokens per forward batch.</summary>
    public int BatchTokens { get; init; } = 8192;

    /// <summary>Output-layer rows computed at once (bounds the [rows, vocab] logits buffer); 0 picks ~256 MB.</summary>
    public int HeadChunkRows { get; init; }

    public void Validate()
    {
        if (MaxTokens <= 0)
        {
            throw new EngineException($"--max-tokens must be positive (got {MaxTokens})");
        }

        if (WindowTokens < 0)
        {
            throw new EngineException($"--window-tokens must be 0 (off) or positive (got {WindowTokens})");
        }

        if (BatchTokens <= 0)
        {
            throw new EngineException($"--batch-tokens must be positive (got {BatchTokens})");
        }
    }
}
