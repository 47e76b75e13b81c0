using System.IO.Compression;
using Lamdas.Storage;
using ZstdSharp;

namespace Lamdas.Formats;

/// <summary>
/// Creates writers for selected records. JSONL: each record's <see cref="SourceRecord.Raw"/> and '\n', byte for byte.
/// Gzip and zstd: the same, compressed deterministically (gzip level 6 with no timestamp or name in the header,
/// zstd level 3), so equal input gives equal files. Parquet: rows re-written with the input file's schema
/// (the schema is required).
/// </summary>
public static class SelectedRecordWriters
{
    public const int GzipLevel = 6;
    public const int ZstdLevel = 3;

    public static ISelectedRecordWriter Create(Stream output, RecordFormat format, ParquetSchemaSource? schema = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return format switch
        {
            RecordFormat.Jsonl => new JsonlRecordWriter(output, null),
            RecordFormat.JsonlGzip => new JsonlRecordWriter(output, new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: true)),
            RecordFormat.JsonlZstd => new JsonlRecordWriter(output, new CompressionStream(output, ZstdLevel, leaveOpen: true)),
            RecordFormat.Parquet => new ParquetRecordWriter(output, schema ?? throw new ArgumentException("Parquet output needs the input's schema (a ParquetSchemaSource)", nameof(schema))),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown record format"),
        };
    }

    /// <summary>
    /// As <see cref="Create"/>, for records read from <paramref name="shard"/>: Parquet output takes the schema of the
    /// shard's file (which must then be Parquet).
    /// </summary>
    public static async Task<ISelectedRecordWriter> CreateAsync(Stream output, RecordFormat format, IObjectStore store, ShardSpec shard, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shard);
        if (format == RecordFormat.Parquet && shard.Format != RecordFormat.Parquet)
        {
            throw new ArgumentException($"Parquet output needs Parquet input; '{shard.Uri}' is {shard.Format}", nameof(format));
        }

        var schema = format == RecordFormat.Parquet ? await ParquetSchemaSource.ReadAsync(store, shard.Uri, ct).ConfigureAwait(false) : null;
        return Create(output, format, schema);
    }
}
