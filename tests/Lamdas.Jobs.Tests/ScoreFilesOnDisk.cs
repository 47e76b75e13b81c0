using Lamdas.Formats;

namespace Lamdas.Jobs.Tests;

/// <summary>The rows of every <c>scores/*.parquet</c> of a local output folder, in file order.</summary>
internal static class ScoreFilesOnDisk
{
    public static List<ScoreRow> Read(string output) =>
        Directory.GetFiles(Path.Combine(output, "scores"), "*.parquet").Order(StringComparer.Ordinal)
            .SelectMany(f =>
            {
                using var stream = File.OpenRead(f);
                return ScoresParquet.ReadAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
            })
            .ToList();
}
