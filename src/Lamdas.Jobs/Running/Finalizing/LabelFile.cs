using System.Text.Json;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Reads <c>{"id", "in_domain"}</c> JSONL labels; a line may also name the document's <c>"domain"</c> (or
/// <c>"label"</c>), which the per-domain table groups by.
/// </summary>
public static class LabelFile
{
    /// <summary>Longest domain name kept; a longer one is cut.</summary>
    public const int MaxDomainChars = 100;

    /// <summary>The group of a labelled document without a domain or label name.</summary>
    public static string DefaultGroup(bool inDomain) => inDomain ? "(in domain)" : "(out of domain)";

    public static async Task<Dictionary<string, bool>> ReadAsync(IObjectStore store, string uri, CancellationToken ct) =>
        (await ReadEntriesAsync(store, uri, ct)).ToDictionary(e => e.Key, e => e.Value.InDomain, StringComparer.Ordinal);

    /// <summary>Every label with its domain (the line's "domain", else its "label", else <see cref="DefaultGroup"/>).</summary>
    public static async Task<Dictionary<string, LabelEntry>> ReadEntriesAsync(IObjectStore store, string uri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var labels = new Dictionary<string, LabelEntry>(StringComparer.Ordinal);
        await using var stream = await store.OpenReadAsync(uri, ct);
        using var reader = new StreamReader(stream);
        var line = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                var id = root.GetProperty("id");
                var key = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
                var inDomain = root.GetProperty("in_domain").GetBoolean();
                labels[key] = new LabelEntry(inDomain, Group(root) ?? DefaultGroup(inDomain));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new JobFailedException($"{uri}: line {line}: expected {{\"id\", \"in_domain\": true|false}} ({e.Message})");
            }
        }

        return labels;
    }

    private static string? Group(JsonElement root)
    {
        foreach (var name in new[] { "domain", "label" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } group)
            {
                return group.Length <= MaxDomainChars ? group : group[..MaxDomainChars];
            }
        }

        return null;
    }
}
