using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Lamdas.Formats;

/// <summary>
/// A read-only stream of the decoded bytes of a gzip file (RFC 1952, one member or several concatenated), returned
/// as soon as the inflater produces them: a cut-off file gives everything decodable before the cut and only then
/// throws <see cref="EndOfStreamException"/> (a cut inside a header, the deflate data or a trailer alike).
/// Each member's trailer is verified (CRC-32 and length); damage throws <see cref="InvalidDataException"/> or, for
/// invalid deflate data, SharpZipLib's exception. The headers are parsed here and only the raw deflate data is
/// given to SharpZipLib's <see cref="Inflater"/>, which reports how much input it left unused, so the trailer and
/// the next member are read from exactly where the deflate data ended. Memory is bounded: the input buffer and the
/// inflater's 32 KiB window.
/// </summary>
/// <remarks>
/// An empty file decodes to nothing. After a complete member, zero bytes up to the end (block padding) are ignored,
/// as gzip does; any other bytes that do not start a gzip member are reported as damage rather than dropped
/// quietly, since they may be a member whose header was damaged.
/// </remarks>
internal sealed class GzipDecodingStream : Stream
{
    private const int InputBytes = 1 << 16;
    private const int ScratchBytes = 1 << 16;
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte FlagsReserved = 0xE0;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly byte[] _in = new byte[InputBytes];
    private readonly Inflater _inflater = new(noHeader: true);
    private readonly Crc32 _crc = new();
    private readonly Crc32 _headerCrc = new();
    private byte[]? _scratch;

    // _in[_start.._end) is input not yet consumed; while a member's deflate data is being decoded it belongs to the
    // inflater. _inOffset is the compressed position of _in[0].
    private int _start;
    private int _end;
    private long _inOffset;
    private bool _inputEnded;

    private State _state = State.Header;
    private long _members; // complete members so far
    private long _memberStart;
    private uint _size; // decoded length of the current member, modulo 2^32 like ISIZE
    private bool _disposed;

    public GzipDecodingStream(Stream input, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _leaveOpen = leaveOpen;
    }

    private enum State
    {
        Header,
        Deflate,
        Trailer,
        End,
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Compressed bytes consumed so far (what the inflater still holds counts as not consumed).</summary>
    private long CompressedPosition => _state == State.Deflate
        ? _inOffset + _end - _inflater.RemainingInput
        : _inOffset + _start;

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
#pragma warning disable CA2012 // with useAsync: false the read completes synchronously, so the ValueTask is already done
        return ReadCoreAsync(buffer.AsMemory(offset, count), useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override int Read(Span<byte> buffer)
    {
        var scratch = Scratch(buffer.Length);
        var read = ReadCoreAsync(scratch, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
#pragma warning restore CA2012
        scratch.Span[..read].CopyTo(buffer);
        return read;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
#pragma warning disable CA2012 // with useAsync: false the read completes synchronously, so the ValueTask is already done
        return ReadCoreAsync(buffer.AsMemory(offset, count), useAsync: true, cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, useAsync: true, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                _input.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                await _input.DisposeAsync().ConfigureAwait(false);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private Memory<byte> Scratch(int length)
    {
        _scratch ??= new byte[ScratchBytes];
        return _scratch.AsMemory(0, Math.Min(length, _scratch.Length));
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool useAsync, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.Length == 0)
        {
            return 0;
        }

        while (true)
        {
            switch (_state)
            {
                case State.End:
                    return 0;

                case State.Header:
                    if (!await ReadHeaderAsync(useAsync, ct).ConfigureAwait(false))
                    {
                        _state = State.End;
                        return 0;
                    }

                    _state = State.Deflate;
                    if (_end > _start)
                    {
                        _inflater.SetInput(_in, _start, _end - _start);
                    }

                    break;

                case State.Deflate:
                    {
                        var produced = Inflate(buffer);
                        if (produced > 0)
                        {
                            return produced;
                        }

                        if (_inflater.IsFinished)
                        {
                            _start = _end - _inflater.RemainingInput;
                            _state = State.Trailer;
                        }
                        else if (_inflater.IsNeedingInput)
                        {
                            _start = _end; // the inflater has taken all of it
                            if (!await FillAsync(useAsync, ct).ConfigureAwait(false))
                            {
                                throw Truncated("the deflate data");
                            }

                            _inflater.SetInput(_in, _start, _end - _start);
                        }
                        else
                        {
                            throw Corrupt("the deflate data cannot be decoded (the inflater makes no progress)");
                        }

                        break;
                    }

                case State.Trailer:
                    await ReadTrailerAsync(useAsync, ct).ConfigureAwait(false);
                    _state = State.Header;
                    break;
            }
        }
    }

    private int Inflate(Memory<byte> buffer)
    {
        var direct = MemoryMarshal.TryGetArray<byte>(buffer, out var target);
        if (!direct)
        {
            _scratch ??= new byte[ScratchBytes];
            target = new ArraySegment<byte>(_scratch, 0, Math.Min(buffer.Length, _scratch.Length));
        }

        var produced = _inflater.Inflate(target.Array!, target.Offset, target.Count);
        if (produced > 0)
        {
            var decoded = target.AsSpan(0, produced);
            _crc.Append(decoded);
            _size = unchecked(_size + (uint)produced);
            if (!direct)
            {
                decoded.CopyTo(buffer.Span);
            }
        }

        return produced;
    }

    /// <summary>Reads a member header; false at a clean end (no more members).</summary>
    private async ValueTask<bool> ReadHeaderAsync(bool useAsync, CancellationToken ct)
    {
        if (!await EnsureAsync(1, useAsync, ct).ConfigureAwait(false))
        {
            return false; // an empty file, or the end after a complete member
        }

        _memberStart = CompressedPosition;
        if (_members > 0 && _in[_start] == 0)
        {
            await SkipZeroPaddingAsync(useAsync, ct).ConfigureAwait(false);
            return false;
        }

        if (_in[_start] != 0x1f || (await EnsureAsync(2, useAsync, ct).ConfigureAwait(false) && _in[_start + 1] != 0x8b))
        {
            throw Corrupt(_members == 0
                ? "not a gzip file (no gzip magic at its start)"
                : $"data after gzip member {_members} that is not a gzip member (no gzip magic at compressed byte {_memberStart})");
        }

        if (!await EnsureAsync(10, useAsync, ct).ConfigureAwait(false))
        {
            throw Truncated("a member header");
        }

        var method = _in[_start + 2];
        var flags = _in[_start + 3];
        if (method != 8)
        {
            throw Corrupt($"unsupported gzip compression method {method} in member {_members + 1}");
        }

        if ((flags & FlagsReserved) != 0)
        {
            throw Corrupt($"reserved gzip header flags set (0x{flags:x2}) in member {_members + 1}");
        }

        _headerCrc.Reset();
        ConsumeHeader(10);
        if ((flags & FlagExtra) != 0)
        {
            if (!await EnsureAsync(2, useAsync, ct).ConfigureAwait(false))
            {
                throw Truncated("a member header");
            }

            int extra = BinaryPrimitives.ReadUInt16LittleEndian(_in.AsSpan(_start, 2));
            ConsumeHeader(2);
            while (extra > 0)
            {
                if (!await EnsureAsync(1, useAsync, ct).ConfigureAwait(false))
                {
                    throw Truncated("a member header");
                }

                var take = Math.Min(extra, _end - _start);
                ConsumeHeader(take);
                extra -= take;
            }
        }

        if ((flags & FlagName) != 0)
        {
            await SkipZeroTerminatedAsync(useAsync, ct).ConfigureAwait(false);
        }

        if ((flags & FlagComment) != 0)
        {
            await SkipZeroTerminatedAsync(useAsync, ct).ConfigureAwait(false);
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            if (!await EnsureAsync(2, useAsync, ct).ConfigureAwait(false))
            {
                throw Truncated("a member header");
            }

            var expected = BinaryPrimitives.ReadUInt16LittleEndian(_in.AsSpan(_start, 2));
            var actual = (ushort)_headerCrc.GetCurrentHashAsUInt32();
            _start += 2;
            if (expected != actual)
            {
                throw Corrupt($"gzip header CRC mismatch in member {_members + 1} (stored 0x{expected:x4}, computed 0x{actual:x4})");
            }
        }

        _inflater.Reset();
        _crc.Reset();
        _size = 0;
        return true;
    }

    private async ValueTask ReadTrailerAsync(bool useAsync, CancellationToken ct)
    {
        if (!await EnsureAsync(8, useAsync, ct).ConfigureAwait(false))
        {
            throw Truncated("a member trailer");
        }

        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(_in.AsSpan(_start, 4));
        var storedSize = BinaryPrimitives.ReadUInt32LittleEndian(_in.AsSpan(_start + 4, 4));
        var crc = _crc.GetCurrentHashAsUInt32();
        if (storedCrc != crc)
        {
            throw Corrupt($"gzip CRC-32 mismatch in member {_members + 1} (stored 0x{storedCrc:x8}, computed 0x{crc:x8})");
        }

        if (storedSize != _size)
        {
            throw Corrupt($"gzip length mismatch in member {_members + 1} (stored {storedSize}, decoded {_size} modulo 2^32)");
        }

        _start += 8;
        _members++;
    }

    private void ConsumeHeader(int count)
    {
        _headerCrc.Append(_in.AsSpan(_start, count));
        _start += count;
    }

    private async ValueTask SkipZeroTerminatedAsync(bool useAsync, CancellationToken ct)
    {
        while (true)
        {
            if (!await EnsureAsync(1, useAsync, ct).ConfigureAwait(false))
            {
                throw Truncated("a member header");
            }

            var zero = _in.AsSpan(_start, _end - _start).IndexOf((byte)0);
            if (zero >= 0)
            {
                ConsumeHeader(zero + 1);
                return;
            }

            ConsumeHeader(_end - _start);
        }
    }

    private async ValueTask SkipZeroPaddingAsync(bool useAsync, CancellationToken ct)
    {
        while (await EnsureAsync(1, useAsync, ct).ConfigureAwait(false))
        {
            var other = _in.AsSpan(_start, _end - _start).IndexOfAnyExcept((byte)0);
            if (other >= 0)
            {
                _start += other;
                throw Corrupt($"data after gzip member {_members} that is not a gzip member (non-zero byte at compressed byte {CompressedPosition} after zero padding)");
            }

            _start = _end;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unconsumed bytes (at most the buffer) available; false if the input ends first.</summary>
    private async ValueTask<bool> EnsureAsync(int count, bool useAsync, CancellationToken ct)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(useAsync, ct).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads more input after what is unconsumed (moved to the front); false at the end of the input.</summary>
    private async ValueTask<bool> FillAsync(bool useAsync, CancellationToken ct)
    {
        if (_inputEnded)
        {
            return false;
        }

        if (_start > 0)
        {
            _in.AsSpan(_start, _end - _start).CopyTo(_in);
            _inOffset += _start;
            _end -= _start;
            _start = 0;
        }

        var read = useAsync
            ? await _input.ReadAsync(_in.AsMemory(_end), ct).ConfigureAwait(false)
            : _input.Read(_in, _end, _in.Length - _end);
        if (read == 0)
        {
            _inputEnded = true;
            return false;
        }

        _end += read;
        return true;
    }

    private EndOfStreamException Truncated(string where) =>
        new($"the gzip stream ends inside {where} of member {_members + 1} (at compressed byte {CompressedPosition})");

    private static InvalidDataException Corrupt(string message) => new(message);
}
