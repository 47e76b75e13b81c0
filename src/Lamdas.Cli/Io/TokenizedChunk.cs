namespace Lamdas.Cli.Io;

/// <summary>A run of input records in file order; valid ones carry their token ids (already truncated).</summary>
public sealed record TokenizedChunk(IReadOnlyList<InputRecord> Records, IReadOnlyList<int[]?> Ids);
