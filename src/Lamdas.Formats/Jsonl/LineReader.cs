namespace Lamdas.Formats;

/// <summary>
/// Splits a stream at '\n' with bounded memory: a line longer than the limit is skipped to its newline while only
/// its first <see cref="HeadBytes"/> are kept. Positions are absolute (the stream starts at <c>origin</c>).
/// </summary>
internal sealed class LineReader
{
    public const int HeadBytes = 64 * 1024;
    private const int ChunkBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer = new byte[ChunkBytes];
    private int _start;
    private int _end;
    private int _scanned;
    private long _position;
    private bool _eof;
    private byte[]? _skippedHead;
    private long _skippedStart;
    private long _skippedLength;

    public LineReader(Stream stream, long origin, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        _position = origin;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Where the next line starts.</summary>
    public long Position => _skippedHead is null ? _position : _skippedStart;

    /// <summary>Bytes of the stream consumed so far, as an absolute position.</summary>
    public long Decoded => _skippedHead is null ? _position + (_end - _start) : _skippedStart + _skippedLength;

    /// <summary>The line being read when the stream failed: its start and first bytes (possibly none).</summary>
    public (long Position, byte[] Head) Partial => _skippedHead is not null
        ? (_skippedStart, _skippedHead)
        : (_position, _buffer.AsSpan(_start, Math.Min(_end - _start, HeadBytes)).ToArray());

    public async ValueTask<Line?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = _scanned + newline;
                return Emit(length, length + 1);
            }

            _scanned = _end - _start;
            if (_scanned > _maxLineBytes)
            {
                return await SkipLongLineAsync(ct).ConfigureAwait(false);
            }

            if (_eof)
            {
                return _end == _start ? null : Emit(_end - _start, _end - _start);
            }

            await FillAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Skips through the next '\n' (or to the end) without keeping the bytes.</summary>
    public async ValueTask SkipLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                Consume(newline + 1);
                return;
            }

            Consume(_end - _start);
            if (_eof)
            {
                return;
            }

            await FillAsync(ct).ConfigureAwait(false);
        }
    }

    private Line Emit(int length, int consumed)
    {
        var line = length > _maxLineBytes
            ? new Line(_position, _buffer.AsSpan(_start, Math.Min(length, HeadBytes)).ToArray(), length, TooLong: true)
            : new Line(_position, _buffer.AsSpan(_start, length).ToArray(), length, TooLong: false);
        Consume(consumed);
        return line;
    }

    private void Consume(int count)
    {
        _start += count;
        _position += count;
        _scanned = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private async ValueTask<Line> SkipLongLineAsync(CancellationToken ct)
    {
        _skippedStart = _position;
        _skippedHead = _buffer.AsSpan(_start, Math.Min(_end - _start, HeadBytes)).ToArray();
        _skippedLength = _end - _start;
        _buffer = new byte[ChunkBytes]; // give the grown buffer back while skipping
        _start = _end = _scanned = 0;
        while (true)
        {
            if (_end == 0 && !_eof)
            {
                await FillAsync(ct).ConfigureAwait(false);
            }

            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0 || _eof)
            {
                var tail = newline >= 0 ? newline : _end;
                var line = new Line(_skippedStart, _skippedHead, _skippedLength + tail, TooLong: true);
                _position = _skippedStart + _skippedLength; // where _buffer[0] sits
                _skippedHead = null;
                Consume(newline >= 0 ? newline + 1 : tail);
                return line;
            }

            _skippedLength += _end;
            _end = 0;
        }
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else
            {
                var grown = new byte[(int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + 1 + ChunkBytes)];
                _buffer.AsSpan(0, _end).CopyTo(grown);
                _buffer = grown;
            }
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
