namespace Lamdas.Engine.Scoring;

/// <summary>Batching and truncation for log-likelihood computation.</summary>
public sealed record ScoringOptions
{
    /// <summary>Documents are truncated to their first N tokens.</summary>
    public int MaxTokens { get; init; } = 1024;

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

        if (BatchTokens <= 0)
        {
            throw new EngineException($"--batch-tokens must be positive (got {BatchTokens})");
        }
    }
}
