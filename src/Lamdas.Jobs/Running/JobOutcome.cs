namespace Lamdas.Jobs.Running;

/// <summary>The result of a job run; a cascade job's also carries its pilot and the documents that reached the LLM.</summary>
public sealed record JobOutcome(
    bool Succeeded,
    string Output,
    long Documents,
    long Selected,
    long Quarantined,
    long Tokens,
    double BadFraction,
    string Message,
    TimeSpan Elapsed,
    CascadePilot? Cascade = null,
    long? ModelDocuments = null)
{
    /// <summary>Where the model passes came from: computed, shared between domains, or read from the score store.</summary>
    public Scoring.Passes.PassStatistics? Passes { get; init; }
}
