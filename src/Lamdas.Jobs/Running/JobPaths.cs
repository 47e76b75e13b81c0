using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Well-known files in a job's output folder.</summary>
public static class JobPaths
{
    public static string Report(string output) => StorageUri.Combine(output, "report.html");

    public static string Manifest(string output) => StorageUri.Combine(output, "manifest.json");

    public static string Scores(string output) => StorageUri.Combine(output, "scores");
}
