using System.Text;
using System.Text.Json;
using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Events;

/// <summary>Formats server-sent events (<c>text/event-stream</c>): named events with data lines, and comments.</summary>
public static class SseFormatter
{
    /// <summary><c>event: KIND</c>, one <c>data:</c> line per line of <paramref name="data"/>, then a blank line.</summary>
    public static string Event(string kind, string data)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(data);
        var name = SingleLine(kind);
        var builder = new StringBuilder(data.Length + name.Length + 16);
        builder.Append("event: ").Append(name.Length == 0 ? "message" : name).Append('\n');
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n'))
        {
            builder.Append("data: ").Append(line).Append('\n');
        }

        return builder.Append('\n').ToString();
    }

    /// <summary>A job status event: its JSON (snake_case, one line) as the data.</summary>
    public static string Status(string kind, JobStatus status) => Event(kind, JsonSerializer.Serialize(status, LamdasApiJson.Options));

    /// <summary>A comment line (ignored by clients; keeps proxies from closing an idle connection).</summary>
    public static string Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ": " + SingleLine(text) + "\n\n";
    }

    private static string SingleLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
