using ICSharpCode.SharpZipLib;
using ZstdSharp;

namespace Lamdas.Formats;

/// <summary>
/// Decompressing read streams that return decoded bytes as soon as they are decodable and report a truncated input
/// (after everything decodable before the cut) instead of ending quietly, as System.IO.Compression's GZipStream does
/// on a cut-off file. Gzip: <see cref="GzipDecodingStream"/>; zstd: ZstdSharp, which returns each decoded block at
/// once (a zstd block is decodable only when complete, so a cut inside a block loses that block's bytes).
/// </summary>
public static class Decompression
{
    public static Stream Open(Stream compressed, RecordFormat format) => format switch
    {
        RecordFormat.JsonlGzip => new GzipDecodingStream(compressed),
        RecordFormat.JsonlZstd => new DecompressionStream(compressed, 1 << 16, checkEndOfStream: true, leaveOpen: false),
        _ => compressed,
    };

    public static string Name(RecordFormat format) => format == RecordFormat.JsonlGzip ? "gzip" : "zstd";

    /// <summary>True for the decoder's own failures (as opposed to the storage underneath failing).</summary>
    public static bool IsDecodeFailure(Exception e) =>
        e is EndOfStreamException or SharpZipBaseException or ZstdException or InvalidDataException;

    public static bool IsTruncation(Exception e) =>
        e is EndOfStreamException
        || (e is SharpZipBaseException && (e.Message.Contains("EOF", StringComparison.Ordinal) || e.Message.Contains("EOS", StringComparison.Ordinal)));

    /// <summary>The bad record that ends a compressed stream the decoder failed on (<see cref="IsDecodeFailure"/>): the line being read and why.</summary>
    internal static BadRecord Failure(Exception e, RecordFormat format, string source, LineReader lines)
    {
        var (position, head) = lines.Partial;
        var what = IsTruncation(e) ? "truncated" : "corrupt";
        var reason = $"{what} {Name(format)} stream after byte {lines.Decoded}" + (what == "corrupt" ? ": " + e.Message : "");
        return new BadRecord(source, position, reason, head);
    }
}
