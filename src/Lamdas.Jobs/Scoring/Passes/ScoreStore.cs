using Lamdas.Engine.Scoring;
using Lamdas.Storage;

namespace Lamdas.Jobs.Scoring.Passes;

/// <summary>
/// Model passes kept between jobs, in a folder of a store: <c>passes/v1/&lt;kk&gt;/&lt;key&gt;.lsp</c>, one immutable
/// entry per pass over one chunk's documents (<see cref="ModelPasses"/> names them). An entry is created once and never
/// replaced (<see cref="IObjectStore.TryCreateAsync"/>), so concurrent jobs writing the same entry leave one whole copy;
/// an entry that fails its checksum is deleted and reads as missing, so the pass is computed and written again.
/// </summary>
public sealed class ScoreStore(IObjectStore store, string root)
{
    /// <summary>The store's folder.</summary>
    public string Root => root;

    /// <summary>The URI of an entry.</summary>
    public string EntryUri(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return StorageUri.Combine(root, $"passes/v1/{key[..2]}/{key}.lsp");
    }

    /// <summary>The entry's values; null when there is none, or when it is damaged (it is then deleted, and Damaged is true).</summary>
    public async Task<(DocumentLogProb[]? Values, bool Damaged)> ReadAsync(string key, int documents, CancellationToken ct)
    {
        var uri = EntryUri(key);
        if (await store.GetAsync(uri, ct).ConfigureAwait(false) is not { } found)
        {
            return (null, false);
        }

        DocumentLogProb[]? values = null;
        if (found.Length == PassEntry.Size(documents))
        {
            var bytes = new byte[found.Length];
            var stream = await store.OpenReadAsync(uri, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await stream.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
            }

            values = PassEntry.TryDecode(bytes, documents);
        }

        if (values is null)
        {
            await store.DeleteAsync(uri, ct).ConfigureAwait(false);
            return (null, true);
        }

        return (values, false);
    }

    /// <summary>Creates the entry unless it exists already; true when this call created it.</summary>
    public Task<bool> WriteAsync(string key, IReadOnlyList<DocumentLogProb> values, CancellationToken ct) =>
        store.TryCreateAsync(EntryUri(key), PassEntry.Encode(values), ct);
}
