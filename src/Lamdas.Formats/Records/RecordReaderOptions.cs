namespace Lamdas.Formats;

/// <summary>Limits of record reading.</summary>
public sealed record RecordReaderOptions
{
    /// <summary>Longest JSONL line (bytes, without the '\n') read as a record; longer lines are skipped and reported.</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024 * 1024;
}
