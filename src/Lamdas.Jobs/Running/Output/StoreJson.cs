using System.Text;
using System.Text.Json;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Small JSON documents (markers, manifests) kept in a store.</summary>
public static class StoreJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The deserialised document, or null when <paramref name="uri"/> does not exist.</summary>
    public static async Task<T?> ReadAsync<T>(IObjectStore store, string uri, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetAsync(uri, ct).ConfigureAwait(false) is null)
        {
            return null;
        }

        var stream = await store.OpenReadAsync(uri, ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON (atomically, like every store write).</summary>
    public static Task WriteAsync<T>(IObjectStore store, string uri, T value, CancellationToken ct) =>
        WriteTextAsync(store, uri, JsonSerializer.Serialize(value, Indented), ct);

    /// <summary>Writes a JSON text followed by a newline.</summary>
    public static Task WriteTextAsync(IObjectStore store, string uri, string json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        return store.WriteAsync(uri, (s, t) => s.WriteAsync(bytes, t).AsTask(), ct);
    }
}
