using System.Runtime.CompilerServices;

namespace Lamdas.Formats;

/// <summary>
/// Reads a whole JSONL stream (a local file, standard input) the way job shards are read: the same line splitting,
/// record checks and decoders (<see cref="Decompression"/>), so a truncated or corrupt compressed stream ends with one
/// bad record after every complete line before it. Each result carries its line number, for messages that name lines.
/// </summary>
public static class JsonlStreams
{
    /// <summary>The JSONL format of a file by its name alone: <c>.gz</c> is gzip, <c>.zst</c> zstd, anything else plain.</summary>
    public static RecordFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? RecordFormat.JsonlGzip
            : path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? RecordFormat.JsonlZstd
            : RecordFormat.Jsonl;
    }

    /// <summary>
    /// Reads <paramref name="stream"/> (which it owns and disposes), decompressing it as <paramref name="format"/> says;
    /// <paramref name="source"/> names it in the records.
    /// </summary>
    public static async IAsyncEnumerable<NumberedResult> ReadAsync(Stream stream, RecordFormat format, string source,
        RecordReaderOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (format == RecordFormat.Parquet)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new ArgumentException("Parquet is not JSONL", nameof(format));
        }

        await using var decoded = Decompression.Open(stream, format);
        var lines = new LineReader(decoded, 0, options.MaxLineBytes);
        long number = 0;
        while (true)
        {
            var (line, failure) = await NextAsync(lines, format, source, ct).ConfigureAwait(false);
            if (failure is not null)
            {
                yield return new NumberedResult(number + 1, new ReadResult(null, failure));
                yield break;
            }

            if (line is not { } found)
            {
                yield break;
            }

            number++;
            var result = JsonLine.Parse(source, found, options.MaxLineBytes);
            if (result.Record is not null || result.Bad is not null)
            {
                yield return new NumberedResult(number, result);
            }
        }
    }

    private static async ValueTask<(Line? Line, BadRecord? Failure)> NextAsync(LineReader lines, RecordFormat format, string source, CancellationToken ct)
    {
        try
        {
            return (await lines.NextAsync(ct).ConfigureAwait(false), null);
        }
        catch (Exception e) when (format != RecordFormat.Jsonl && Decompression.IsDecodeFailure(e))
        {
            return (null, Decompression.Failure(e, format, source, lines));
        }
    }
}
