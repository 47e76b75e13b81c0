using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Lamdas.Formats;

/// <summary>
/// Writes bad records as JSONL: <c>{"source","position","reason","raw"}</c>, where <c>raw</c> is the offending
/// bytes as text when they are valid UTF-8, and <c>raw_base64</c> takes its place when they are not.
/// </summary>
public static class QuarantineWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(Stream output, IEnumerable<BadRecord> bad, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(bad);
        var line = new MemoryStream();
        foreach (var record in bad)
        {
            ct.ThrowIfCancellationRequested();
            line.SetLength(0);
            using (var writer = new Utf8JsonWriter(line, Options))
            {
                writer.WriteStartObject();
                writer.WriteString("source", record.Source);
                writer.WriteNumber("position", record.Position);
                writer.WriteString("reason", record.Reason);
                if (Utf8.IsValid(record.Raw.Span))
                {
                    writer.WriteString("raw", record.Raw.Span);
                }
                else
                {
                    writer.WriteBase64String("raw_base64", record.Raw.Span);
                }

                writer.WriteEndObject();
            }

            line.WriteByte((byte)'\n');
            await output.WriteAsync(line.GetBuffer().AsMemory(0, (int)line.Length), ct).ConfigureAwait(false);
        }

        await output.FlushAsync(ct).ConfigureAwait(false);
    }
}
