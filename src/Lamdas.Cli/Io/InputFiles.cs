using System.IO.Compression;

namespace Lamdas.Cli.Io;

/// <summary>Opens input files, decompressing <c>.gz</c>; <c>-</c> is standard input.</summary>
public static class InputFiles
{
    public static Stream OpenRead(string path)
    {
        if (path == "-")
        {
            return Console.OpenStandardInput();
        }

        if (!File.Exists(path))
        {
            throw new CliException($"input file '{path}' does not exist");
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
