using System.Text.Json;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Reads <c>{"id", "in_domain"}</c> JSONL labels.</summary>
public static class LabelFile
{
    public static async Task<Dictionary<string, bool>> ReadAsync(IObjectStore store, string uri, CancellationToken ct)
    {
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
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
                labels[key] = root.GetProperty("in_domain").GetBoolean();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new JobFailedException($"{uri}: line {line}: expected {{\"id\", \"in_domain\": true|false}} ({e.Message})");
            }
        }

        return labels;
    }
}
