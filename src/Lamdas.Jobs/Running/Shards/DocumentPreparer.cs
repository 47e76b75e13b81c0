using System.Text.Json;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Running;

/// <summary>Maps an input record to the document a method scores, or a reason it cannot be scored.</summary>
public sealed class DocumentPreparer(RecordSpec record, IJobScorer scorer, int maxTokens)
{
    public (PreparedDocument? Document, string? Error) Prepare(JsonElement json)
    {
        if (!TryGetId(json, out var id))
        {
            return (null, $"missing id field \"{record.Id}\" (string or number)");
        }

        if (!record.IsSft)
        {
            var text = GetText(json, record.Text!, out var error);
            if (text is null)
            {
                return (null, error);
            }

            return Finish(id, text, null);
        }

        var prompt = GetText(json, record.Prompt!, out var promptError);
        var response = GetText(json, record.Response!, out var responseError);
        if (prompt is null || response is null)
        {
            return (null, promptError ?? responseError);
        }

        return record.Score == SftScoring.Full
            ? Finish(id, SftTemplate.Full(prompt, response), null)
            : Finish(id, response, SftTemplate.Context(prompt));
    }

    private (PreparedDocument?, string?) Finish(string id, string text, string? context)
    {
        if (!scorer.NeedsTokens)
        {
            return (new PreparedDocument(id, context is null ? text : context + text, null, 0), null);
        }

        var contextIds = context is null ? [] : scorer.Tokenize(context)!;
        var ids = scorer.Tokenize(text)!;
        if (ids.Length == 0)
        {
            return (null, "text produces no tokens");
        }

        if (contextIds.Length == 0)
        {
            return (new PreparedDocument(id, text, ids, 0), null);
        }

        if (contextIds.Length >= maxTokens)
        {
            return (null, $"the prompt alone fills max_tokens ({maxTokens}); no response token can be scored");
        }

        var joined = contextIds.Concat(ids).Take(maxTokens).ToArray();
        return (new PreparedDocument(id, context + text, joined, contextIds.Length), null);
    }

    private bool TryGetId(JsonElement json, out string id)
    {
        id = "";
        if (!json.TryGetProperty(record.Id, out var element))
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                id = element.GetString()!;
                return id.Length > 0;
            case JsonValueKind.Number:
                id = element.GetRawText();
                return true;
            default:
                return false;
        }
    }

    private static string? GetText(JsonElement json, string field, out string? error)
    {
        error = null;
        if (!json.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = $"missing text field \"{field}\"";
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"field \"{field}\" is not a string";
            return null;
        }

        var value = element.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"field \"{field}\" is empty";
            return null;
        }

        return value;
    }
}
