namespace Lamdas.Engine.Batching;

/// <summary>Documents (by index into the request) padded to one shared sequence length.</summary>
public sealed record PlannedBatch(int[] Members, int PaddedLength);
