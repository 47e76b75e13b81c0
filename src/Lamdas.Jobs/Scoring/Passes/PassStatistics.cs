namespace Lamdas.Jobs.Scoring.Passes;

/// <summary>
/// Where a job's model passes came from, counted in documents and tokens per pass: computed on the model, taken from
/// a pass this job had just computed for another domain, or read from the score store; and the store's damaged
/// entries (recomputed) and failed reads or writes (the pass was computed, or not kept).
/// </summary>
public sealed record PassStatistics
{
    public long ComputedDocuments { get; init; }

    public long ComputedTokens { get; init; }

    public long SharedDocuments { get; init; }

    public long SharedTokens { get; init; }

    public long StoredDocuments { get; init; }

    public long StoredTokens { get; init; }

    public long EntriesWritten { get; init; }

    public long DamagedEntries { get; init; }

    public long StoreErrors { get; init; }

    /// <summary>The share of pass tokens that needed no model work.</summary>
    public double ReusedShare
    {
        get
        {
            var total = ComputedTokens + SharedTokens + StoredTokens;
            return total == 0 ? 0 : (SharedTokens + StoredTokens) / (double)total;
        }
    }
}
