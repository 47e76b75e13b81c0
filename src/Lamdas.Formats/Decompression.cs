using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;
using ZstdSharp;

namespace Lamdas.Formats;

/// <summary>
/// Decompressing read streams that report a truncated input instead of ending quietly (which is why gzip is read
/// with SharpZipLib: System.IO.Compression's GZipStream ends without error on a cut-off file).
/// </summary>
internal static class Decompression
{
    public static Stream Open(Stream compressed, RecordFormat format) => format switch
    {
        RecordFormat.JsonlGzip => new GZipInputStream(compressed, 1 << 16) { IsStreamOwner = true },
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
}
