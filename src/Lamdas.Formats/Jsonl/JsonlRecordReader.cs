using System.Runtime.CompilerServices;
using Lamdas.Storage;

namespace Lamdas.Formats;

/// <summary>
/// Reads JSONL shards. Plain: the byte range [Start, End) owns the lines that start inside it, so reading begins at
/// Start - 1 and skips through the first '\n' (unless Start is 0), and the last owned line is read past End.
/// Compressed: the whole file; a truncated or corrupt stream ends the shard with one bad record after every
/// complete line before it.
/// </summary>
internal sealed class JsonlRecordReader : IRecordReader
{
    private readonly ShardSpec _shard;
    private readonly Stream _stream;
    private readonly long _origin;
    private readonly RecordReaderOptions _options;
    private int _started;

    private JsonlRecordReader(ShardSpec shard, Stream stream, long origin, RecordReaderOptions options)
    {
        _shard = shard;
        _stream = stream;
        _origin = origin;
        _options = options;
    }

    private bool Compressed => _shard.Format != RecordFormat.Jsonl;

    public static async Task<IRecordReader> OpenAsync(IObjectStore store, ShardSpec shard, RecordReaderOptions options, CancellationToken ct)
    {
        if (shard.Format == RecordFormat.Jsonl)
        {
            var origin = Math.Max(0, shard.Start - 1);
            var range = await store.OpenReadAsync(shard.Uri, origin, long.MaxValue - origin, ct).ConfigureAwait(false);
            return new JsonlRecordReader(shard, range, origin, options);
        }

        if (shard.Start != 0)
        {
            throw new ArgumentException($"'{shard.Uri}': compressed JSONL is read as a whole; its shard must start at 0 (got {shard.Start})", nameof(shard));
        }

        var compressed = await store.OpenReadAsync(shard.Uri, ct).ConfigureAwait(false);
        return new JsonlRecordReader(shard, Decompression.Open(compressed, shard.Format), 0, options);
    }

    public async IAsyncEnumerable<ReadResult> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a record reader can be enumerated once");
        }

        var lines = new LineReader(_stream, _origin, _options.MaxLineBytes);
        if (_shard.Format == RecordFormat.Jsonl && _shard.Start > 0)
        {
            await lines.SkipLineAsync(ct).ConfigureAwait(false); // that line belongs to the shard before
        }

        while (Compressed || lines.Position < _shard.End)
        {
            var (line, failure) = await NextAsync(lines, ct).ConfigureAwait(false);
            if (failure is not null)
            {
                yield return new ReadResult(null, failure);
                yield break;
            }

            if (line is not { } found)
            {
                yield break;
            }

            var result = JsonLine.Parse(_shard.Uri, found, _options.MaxLineBytes);
            if (result.Record is not null || result.Bad is not null)
            {
                yield return result;
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private async ValueTask<(Line? Line, BadRecord? Failure)> NextAsync(LineReader lines, CancellationToken ct)
    {
        try
        {
            return (await lines.NextAsync(ct).ConfigureAwait(false), null);
        }
        catch (Exception e) when (Compressed && Decompression.IsDecodeFailure(e))
        {
            return (null, Decompression.Failure(e, _shard.Format, _shard.Uri, lines));
        }
    }
}
