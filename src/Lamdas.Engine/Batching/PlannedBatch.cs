namespace Lamdas.Engine.Batching;

/// <summary>Documents (indices into the request) forward-passed together, each with its own padded attention length.</summary>
public sealed record PlannedBatch(int[] Members, int[] PaddedLengths)
{
    public long PaddedTokens => PaddedLengths.Sum(l => (long)l);
}
