using Lamdas.Storage;

namespace Lamdas.Formats.Tests;

internal static class Reading
{
    public static async Task<List<ReadResult>> ReadAllAsync(IObjectStore store, ShardSpec shard, RecordReaderOptions? options = null)
    {
        var results = new List<ReadResult>();
        await using var reader = await RecordReaders.OpenAsync(store, shard, options ?? new RecordReaderOptions(), CancellationToken.None);
        await foreach (var result in reader.ReadAsync())
        {
            results.Add(result);
        }

        return results;
    }

    public static async Task<List<ReadResult>> ReadFileAsync(IObjectStore store, string uri, RecordReaderOptions? options = null)
    {
        var stored = await store.GetAsync(uri) ?? throw new FileNotFoundException(uri);
        return await ReadAllAsync(store, new ShardSpec(stored.Uri, RecordFormats.Detect(uri), 0, stored.Length, null), options);
    }

    public static async Task<byte[]> WriteAsync(IEnumerable<SourceRecord> records, RecordFormat format, ParquetSchemaSource? schema = null)
    {
        var output = new MemoryStream();
        await using (var writer = SelectedRecordWriters.Create(output, format, schema))
        {
            foreach (var record in records)
            {
                await writer.WriteAsync(record);
            }

            await writer.CompleteAsync();
        }

        return output.ToArray();
    }
}
