using Lamdas.Storage;
using Parquet;

namespace Lamdas.Formats;

/// <summary>Opens a stored Parquet file for reading through range reads (footer and row groups only as needed).</summary>
internal static class ParquetFile
{
    public static async Task<ParquetReader> OpenAsync(IObjectStore store, string uri, CancellationToken ct)
    {
        var stored = await store.GetAsync(uri, ct).ConfigureAwait(false)
            ?? throw new StorageException(StorageErrorKind.NotFound, uri, $"'{uri}' does not exist");
        var stream = new StoreRangeStream(store, uri, stored.Length);
        try
        {
            return await ParquetReader.CreateAsync(stream, new ParquetOptions(), leaveStreamOpen: false, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or StorageException))
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new FormatException($"'{uri}' is not a readable Parquet file: {e.Message}", e);
        }
    }
}
