using Lamdas.Storage;

namespace Lamdas.Formats;

/// <summary>
/// A seekable read-only stream over a stored object, made of range reads: small reads are served from one cached
/// block, large reads go straight to the store. Parquet needs to seek (footer first, then column chunks).
/// </summary>
internal sealed class StoreRangeStream : Stream
{
    private readonly IObjectStore _store;
    private readonly string _uri;
    private readonly long _length;
    private readonly byte[] _block;
    private long _blockStart;
    private int _blockLength;
    private long _position;

    public StoreRangeStream(IObjectStore store, string uri, long length, int blockBytes = 1 << 20)
    {
        _store = store;
        _uri = uri;
        _length = length;
        _block = new byte[blockBytes];
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return target;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var copy = new byte[buffer.Length];
        var read = ReadAsync(copy.AsMemory(), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        copy.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = (int)Math.Min(buffer.Length, Math.Max(0, _length - _position));
        if (count == 0)
        {
            return 0;
        }

        if (count >= _block.Length)
        {
            await FetchAsync(_position, buffer[..count], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (_position < _blockStart || _position + count > _blockStart + _blockLength)
            {
                _blockStart = _position;
                _blockLength = (int)Math.Min(_block.Length, _length - _position);
                await FetchAsync(_blockStart, _block.AsMemory(0, _blockLength), cancellationToken).ConfigureAwait(false);
            }

            _block.AsMemory((int)(_position - _blockStart), count).CopyTo(buffer);
        }

        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async Task FetchAsync(long offset, Memory<byte> into, CancellationToken ct)
    {
        await using var range = await _store.OpenReadAsync(_uri, offset, into.Length, ct).ConfigureAwait(false);
        try
        {
            await range.ReadExactlyAsync(into, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new IOException($"'{_uri}' is shorter than its listed length {_length} (changed while being read?)", e);
        }
    }
}
