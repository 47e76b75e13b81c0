using Lamdas.Formats;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Reads committed <c>scores/part-NNNNN.parquet</c> files from any store.</summary>
public static class ScoreFiles
{
    /// <summary>Every row of a job's score files, in part order.</summary>
    public static async Task<IReadOnlyList<ScoreRow>> ReadAllAsync(IObjectStore store, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<ScoreRow>();
        foreach (var file in (await store.ListAsync(StorageUri.Combine(output, "scores/*.parquet"), ct)).OrderBy(f => f.Uri, StringComparer.Ordinal))
        {
            rows.AddRange(await ReadAsync(store, file.Uri, ct));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<ScoreRow>> ReadAsync(IObjectStore store, string uri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var stream = await store.OpenReadAsync(uri, ct);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return await ScoresParquet.ReadAsync(buffer, ct);
    }
}
