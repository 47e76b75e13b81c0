using Lamdas.Formats;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Reads a committed <c>scores/part-NNNNN.parquet</c> file from any store.</summary>
internal static class ScoreFiles
{
    public static async Task<IReadOnlyList<ScoreRow>> ReadAsync(IObjectStore store, string uri, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(uri, ct);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return await ScoresParquet.ReadAsync(buffer, ct);
    }
}
