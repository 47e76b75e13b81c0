using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lamdas.Formats;

namespace Lamdas.Cli.Io;

/// <summary>
/// Writes one JSON object per line, through the jobs' JSONL record writer (Lamdas.Formats), to a file (atomically
/// renamed on completion) or standard output.
/// </summary>
public sealed class JsonlWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Stream stream;
    private readonly ISelectedRecordWriter records;
    private readonly ArrayBufferWriter<byte> line = new();
    private readonly Utf8JsonWriter json;
    private readonly string source;
    private readonly string? finalPath;
    private readonly string? tempPath;
    private long written;
    private bool completed;

    public JsonlWriter(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        source = path;
        if (path == "-")
        {
            stream = Console.OpenStandardOutput();
        }
        else
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            finalPath = path;
            tempPath = path + ".tmp";
            stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        records = SelectedRecordWriters.Create(stream, RecordFormat.Jsonl);
        json = new Utf8JsonWriter(line, JsonOptions);
    }

    public async ValueTask WriteAsync(Action<Utf8JsonWriter> body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        line.ResetWrittenCount();
        json.Reset();
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
        json.Flush();
        await records.WriteAsync(new SourceRecord(source, written++, line.WrittenMemory.ToArray(), null), cancellation);
    }

    /// <summary>Makes the output visible under its final name.</summary>
    public async Task CompleteAsync(CancellationToken cancellation = default)
    {
        await records.CompleteAsync(cancellation);
        await stream.FlushAsync(cancellation);
        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await records.DisposeAsync();
        await json.DisposeAsync();
        await stream.DisposeAsync();
        if (tempPath is null || finalPath is null)
        {
            return;
        }

        if (completed)
        {
            File.Move(tempPath, finalPath, overwrite: true);
        }
        else
        {
            File.Delete(tempPath);
        }
    }
}
