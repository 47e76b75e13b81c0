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
    private readonly Stream _stream;
    private readonly ISelectedRecordWriter _records;
    private readonly ArrayBufferWriter<byte> _line = new();
    private readonly Utf8JsonWriter _json;
    private readonly string _source;
    private readonly string? _finalPath;
    private readonly string? _tempPath;
    private long _written;
    private bool _completed;

    public JsonlWriter(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _source = path;
        if (path == "-")
        {
            _stream = Console.OpenStandardOutput();
        }
        else
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            _finalPath = path;
            _tempPath = path + ".tmp";
            _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        _records = SelectedRecordWriters.Create(_stream, RecordFormat.Jsonl);
        _json = new Utf8JsonWriter(_line, JsonOptions);
    }

    public async ValueTask WriteAsync(Action<Utf8JsonWriter> body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        _line.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        await _records.WriteAsync(new SourceRecord(_source, _written++, _line.WrittenMemory.ToArray(), null), cancellation);
    }

    /// <summary>Makes the output visible under its final name.</summary>
    public async Task CompleteAsync(CancellationToken cancellation = default)
    {
        await _records.CompleteAsync(cancellation);
        await _stream.FlushAsync(cancellation);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _records.DisposeAsync();
        await _json.DisposeAsync();
        await _stream.DisposeAsync();
        if (_tempPath is null || _finalPath is null)
        {
            return;
        }

        if (_completed)
        {
            File.Move(_tempPath, _finalPath, overwrite: true);
        }
        else
        {
            File.Delete(_tempPath);
        }
    }
}
