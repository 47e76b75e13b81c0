namespace Lamdas.Formats;

/// <summary>
/// Input that could not be read as a record: where (<see cref="Source"/>, <see cref="Position"/> as in
/// <see cref="SourceRecord"/>), why, and the offending bytes (at most the first 64 KB of an over-long line; empty
/// where there are none, as for an unreadable Parquet row group).
/// </summary>
public sealed record BadRecord(string Source, long Position, string Reason, ReadOnlyMemory<byte> Raw);
