using System.Runtime.CompilerServices;
using System.Text.Json;
using Lamdas.Formats;

namespace Lamdas.Cli.Io;

/// <summary>
/// Reads <c>{"id": …, "text": …}</c> JSONL (plain, .gz, .zst) through the jobs' record reading (Lamdas.Formats).
/// Every non-blank line yields a record: bad lines (invalid JSON or UTF-8, no id, missing/empty/non-string text) come
/// back with a reason instead of stopping the read.
/// </summary>
public static class JsonlDocumentReader
{
    /// <summary>
    /// Longest line read as a document. The command-line tools read whatever fits in memory; a job's shards have their
    /// own, lower limit (<see cref="RecordReaderOptions.MaxLineBytes"/>).
    /// </summary>
    private static readonly RecordReaderOptions Options = new() { MaxLineBytes = 1 << 30 };

    public static async IAsyncEnumerable<InputRecord> ReadAsync(string path, string textField = "text",
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var (line, result) in JsonlStreams.ReadAsync(InputFiles.OpenRead(path), JsonlStreams.FormatOf(path), path, Options, cancellation)
            .ConfigureAwait(false))
        {
            yield return result.Record is { Json: { } json }
                ? Document(line, json, textField)
                : new InputRecord(line, null, null, result.Bad?.Reason ?? "unreadable record");
        }
    }

    /// <summary>As <see cref="ReadAsync"/>, for synchronous callers.</summary>
    public static IEnumerable<InputRecord> Read(string path, string textField = "text") =>
        ReadAsync(path, textField).ToBlockingEnumerable();

    private static InputRecord Document(long line, JsonElement root, string textField)
    {
        string? id = null;
        if (root.TryGetProperty("id", out var idElement) &&
            idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            id = idElement.GetRawText();
        }

        if (id is null)
        {
            return new InputRecord(line, null, null, "missing id (string or number)");
        }

        if (!root.TryGetProperty(textField, out var text))
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
}
