using System.Text.Json;

namespace Lamdas.Formats;

/// <summary>
/// One record as read. <see cref="Position"/> identifies it within <see cref="Source"/>: for JSONL the byte offset of
/// the line's start in the uncompressed stream, for Parquet the row's index in the file.
/// JSONL: <see cref="Raw"/> is the line's exact bytes without the '\n' (a '\r' stays), <see cref="Json"/> the parsed
/// object. Parquet: <see cref="Raw"/> is empty, <see cref="Json"/> the row as an object (column name → value; byte
/// arrays as base64, non-finite floats as "NaN"/"Infinity"/"-Infinity", dates as ISO 8601 strings), and
/// <see cref="Values"/> the row's values in schema column order, which is what a Parquet writer writes.
/// </summary>
public sealed record SourceRecord(string Source, long Position, ReadOnlyMemory<byte> Raw, JsonElement? Json)
{
    /// <summary>Parquet only: the row's column values in schema order (null for JSONL records).</summary>
    public IReadOnlyList<object?>? Values { get; init; }
}
