using System.Text.Json;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Small JSON documents (markers, manifests) kept in a store.</summary>
internal static class StoreJson
{
    /// <summary>The deserialised document, or null when <paramref name="uri"/> does not exist.</summary>
    public static async Task<T?> ReadAsync<T>(IObjectStore store, string uri, CancellationToken ct)
        where T : class
    {
        if (await store.GetAsync(uri, ct) is null)
        {
            return null;
        }

        await using var stream = await store.OpenReadAsync(uri, ct);
        return await JsonSerializer.DeserializeAsync<T>(stream, cancellationToken: ct);
    }
}
