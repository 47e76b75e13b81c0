using System.Text;
using System.Text.Json;

namespace Lamdas.Cli.Io;

/// <summary>
/// Reads <c>{"id": …, "text": …}</c> JSONL (plain, .gz). Every line yields a record: bad lines (invalid JSON or
/// UTF-8, no id, missing/empty/non-string text) come back with a reason instead of stopping the read.
/// </summary>
public static class JsonlDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<InputRecord> Read(string path, string textField = "text")
    {
        using var stream = InputFiles.OpenRead(path);
        long line = 0;
        foreach (var bytes in LineSplitter.Lines(stream))
        {
            line++;
            if (bytes.Length == 0 || IsBlank(bytes))
            {
                continue;
            }

            yield return Parse(line, bytes, textField);
        }
    }

    public static InputRecord Parse(long line, byte[] bytes, string textField)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new InputRecord(line, null, null, "invalid UTF-8");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new InputRecord(line, null, null, "not a JSON object");
            }

            string? id = null;
            if (doc.RootElement.TryGetProperty("id", out var idElement) &&
                idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                id = idElement.GetRawText();
            }

            if (id is null)
            {
                return new InputRecord(line, null, null, "missing id (string or number)");
            }

            if (!doc.RootElement.TryGetProperty(textField, out var text))
            {
                return new InputRecord(line, id, null, $"missing \"{textField}\"");
            }

            if (text.ValueKind != JsonValueKind.String)
            {
                return new InputRecord(line, id, null, $"\"{textField}\" is not a string");
            }

            var value = text.GetString()!;
            return value.Length == 0
                ? new InputRecord(line, id, null, $"empty \"{textField}\"")
                : new InputRecord(line, id, value, null);
        }
        catch (JsonException e)
        {
            return new InputRecord(line, null, null, $"invalid JSON: {e.Message}");
        }
    }

    private static bool IsBlank(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
