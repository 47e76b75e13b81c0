using System.Text.Json;
using System.Text.Unicode;

namespace Lamdas.Formats;

/// <summary>Turns one JSONL line into a record, a bad record, or nothing (a blank line).</summary>
internal static class JsonLine
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>As <see cref="Parse(string, long, byte[])"/> for a line from <see cref="LineReader"/>; an over-long one is a bad record.</summary>
    public static ReadResult Parse(string source, Line line, int maxLineBytes) => line.TooLong
        ? new ReadResult(null, new BadRecord(source, line.Position, $"line exceeds {maxLineBytes} bytes (length {line.Length})", line.Bytes))
        : Parse(source, line.Position, line.Bytes);

    public static ReadResult Parse(string source, long position, byte[] line)
    {
        var text = line.AsSpan();
        if (position == 0 && text.StartsWith(Bom))
        {
            text = text[Bom.Length..]; // a byte-order mark may open the file
        }

        if (text.Trim(" \t\r"u8).IsEmpty)
        {
            return default;
        }

        if (!Utf8.IsValid(text))
        {
            return Bad(source, position, "invalid UTF-8", line);
        }

        JsonElement element;
        try
        {
            var reader = new Utf8JsonReader(text);
            element = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                return Bad(source, position, "invalid JSON: more than one value on the line", line);
            }
        }
        catch (JsonException e)
        {
            return Bad(source, position, "invalid JSON: " + e.Message, line);
        }

        return element.ValueKind == JsonValueKind.Object
            ? new ReadResult(new SourceRecord(source, position, line, element), null)
            : Bad(source, position, "not a JSON object", line);
    }

    private static ReadResult Bad(string source, long position, string reason, byte[] line) =>
        new(null, new BadRecord(source, position, reason, line));
}
