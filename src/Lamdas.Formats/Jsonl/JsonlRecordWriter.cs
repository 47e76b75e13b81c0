namespace Lamdas.Formats;

/// <summary>
/// Writes records as JSONL lines, optionally through a compressor (which it owns; the output it does not).
/// A record without raw bytes (read from Parquet) is written as its JSON object.
/// </summary>
internal sealed class JsonlRecordWriter : ISelectedRecordWriter
{
    private const int BufferBytes = 1 << 16;

    private readonly Stream _output;
    private readonly Stream? _compressor;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _filled;
    private bool _completed;

    public JsonlRecordWriter(Stream output, Stream? compressor)
    {
        _output = output;
        _compressor = compressor;
    }

    private Stream Target => _compressor ?? _output;

    public async ValueTask WriteAsync(SourceRecord record, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_completed, this);
        var line = record.Raw;
        if (line.IsEmpty)
        {
            line = record.Json is { } json
                ? System.Text.Encoding.UTF8.GetBytes(json.GetRawText())
                : throw new ArgumentException($"record {record.Source}@{record.Position} has neither raw bytes nor JSON", nameof(record));
        }

        if (line.Span.IndexOf((byte)'\n') >= 0)
        {
            throw new ArgumentException($"record {record.Source}@{record.Position} contains a newline, which a JSONL line cannot", nameof(record));
        }

        if (_filled + line.Length + 1 > _buffer.Length)
        {
            await FlushBufferAsync(ct).ConfigureAwait(false);
        }

        if (line.Length + 1 > _buffer.Length)
        {
            await Target.WriteAsync(line, ct).ConfigureAwait(false);
            _buffer[_filled++] = (byte)'\n';
            return;
        }

        line.Span.CopyTo(_buffer.AsSpan(_filled));
        _filled += line.Length;
        _buffer[_filled++] = (byte)'\n';
    }

    public async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_completed)
        {
            return;
        }

        await FlushBufferAsync(ct).ConfigureAwait(false);
        _completed = true;
        if (_compressor is not null)
        {
            await _compressor.DisposeAsync().ConfigureAwait(false); // writes the gzip trailer / zstd end of frame
        }

        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _completed = true;
        if (_compressor is not null)
        {
            await _compressor.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask FlushBufferAsync(CancellationToken ct)
    {
        if (_filled > 0)
        {
            await Target.WriteAsync(_buffer.AsMemory(0, _filled), ct).ConfigureAwait(false);
            _filled = 0;
        }
    }
}
