using System.Buffers.Binary;
using Azure.Storage.Blobs.Specialized;

namespace Lamdas.Storage;

/// <summary>
/// Write-only stream that stages fixed-size blocks of a block blob. Nothing is visible until
/// <see cref="CommitAsync"/> commits the block list, which replaces the blob atomically; blocks of an abandoned
/// write are never committed (the service discards them). Block ids carry a per-write random tag, so concurrent
/// writers of the same blob do not disturb each other's staged blocks.
/// </summary>
internal sealed class BlockBlobWriteStream : Stream
{
    private readonly BlockBlobClient _client;
    private readonly byte[] _buffer;
    private readonly Guid _tag = Guid.NewGuid();
    private readonly List<string> _blocks = [];
    private int _filled;
    private long _written;

    public BlockBlobWriteStream(BlockBlobClient client, int blockBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 1);
        _client = client;
        _buffer = new byte[blockBytes];
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsSpan(_filled));
            _filled += n;
            _written += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length)
            {
                using var block = new MemoryStream(_buffer, 0, _filled, writable: false);
                _client.StageBlock(NextBlockId(), block);
                _filled = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsMemory(_filled));
            _filled += n;
            _written += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length)
            {
                await StageAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stages what is buffered and commits the block list: the blob appears (or is replaced) now.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_filled > 0)
        {
            await StageAsync(ct).ConfigureAwait(false);
        }

        await _client.CommitBlockListAsync(_blocks, options: null, ct).ConfigureAwait(false);
    }

    public override void Flush()
    {
        // Blocks are staged when full; partial blocks wait for the commit (flushing them would make blocks tiny).
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task StageAsync(CancellationToken ct)
    {
        using var block = new MemoryStream(_buffer, 0, _filled, writable: false);
        await _client.StageBlockAsync(NextBlockId(), block, options: null, ct).ConfigureAwait(false);
        _filled = 0;
    }

    private string NextBlockId()
    {
        Span<byte> id = stackalloc byte[20];
        _tag.TryWriteBytes(id);
        BinaryPrimitives.WriteInt32BigEndian(id[16..], _blocks.Count);
        var encoded = Convert.ToBase64String(id);
        _blocks.Add(encoded);
        return encoded;
    }
}
