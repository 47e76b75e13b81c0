using Lamdas.Storage;

namespace Lamdas.Formats;

/// <summary>Opens a reader for a shard in its format.</summary>
public static class RecordReaders
{
    public static Task<IRecordReader> OpenAsync(IObjectStore store, ShardSpec shard, RecordReaderOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(options);
        return shard.Format == RecordFormat.Parquet
            ? ParquetRecordReader.OpenAsync(store, shard, ct)
            : JsonlRecordReader.OpenAsync(store, shard, options, ct);
    }
}
