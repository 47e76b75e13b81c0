using System.Text.Json;

namespace Lamdas.Engine.Training;

/// <summary>
/// Reads <c>{"id", "text"}</c> JSONL for pretraining, with the optional string field <c>domain</c> (used for
/// domain-balanced sampling); unusable lines are counted, not fatal. The stream is the decoded content: decompression
/// is the caller's (<see cref="Pretrainer.OpenCorpus"/>), so the CLI reads corpora with the same decoders as jobs.
/// </summary>
internal static class CorpusReader
{
    public static (List<CorpusDocument> Documents, int Skipped) Read(Stream decoded)
    {
        using var reader = new StreamReader(decoded);
        var documents = new List<CorpusDocument>();
        var skipped = 0;
        var line = 0;
        while (reader.ReadLine() is { } text)
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
                if (root.TryGetProperty("text", out var body) && body.ValueKind == JsonValueKind.String && body.GetString() is { Length: > 0 } value)
                {
                    var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : $"line-{line}";
                    var domain = root.TryGetProperty("domain", out var domainElement) && domainElement.ValueKind == JsonValueKind.String
                        ? domainElement.GetString()
                        : null;
                    documents.Add(new CorpusDocument(id, value, domain));
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            skipped++;
        }

        return (documents, skipped);
    }
}
