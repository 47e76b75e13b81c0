namespace Lamdas.Formats;

/// <summary>
/// A unit of reading work. Plain JSONL: the byte range [Start, End), which owns exactly the lines that start inside
/// it (so any set of cut points gives every line to exactly one shard). Compressed JSONL: the whole file
/// (Start 0, End its length). Parquet: the row group <see cref="RowGroup"/> (Start/End its byte span), or the whole
/// file when null.
/// </summary>
/// <remarks>
/// Also the wire type of a planned shard (leases, the coordinator's state, aggregators): a record's primary
/// constructor parameters are its Orleans fields, numbered in order, so new parameters go at the end.
/// </remarks>
[GenerateSerializer, Immutable, Alias("lamdas.ShardSpec")]
public sealed record ShardSpec(string Uri, RecordFormat Format, long Start, long End, int? RowGroup);
