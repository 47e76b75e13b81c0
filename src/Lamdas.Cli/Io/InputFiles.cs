using Lamdas.Formats;

namespace Lamdas.Cli.Io;

/// <summary>
/// Opens input files as stored: <c>-</c> is standard input. Decompression (<c>.gz</c>, <c>.zst</c>) is the record
/// readers' (Lamdas.Formats, as for jobs); <see cref="OpenDecoded"/> gives the decoded bytes for other readers.
/// </summary>
public static class InputFiles
{
    public static Stream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "-")
        {
            return Console.OpenStandardInput();
        }

        if (!File.Exists(path))
        {
            throw new CliException($"input file '{path}' does not exist");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    /// <summary>The file's content, decompressed by its name (<see cref="JsonlStreams.FormatOf"/>) with the jobs' decoders.</summary>
    public static Stream OpenDecoded(string path) => Decompression.Open(OpenRead(path), JsonlStreams.FormatOf(path));
}
