using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Well-known files in a job's output folder.</summary>
public static class JobPaths
{
    /// <summary>The spec a folder was written for (relative to the output folder).</summary>
    public const string SpecMarker = "_progress/job.json";

    /// <summary>The input files (name, size) and shard count a folder was planned from (relative to the output folder).</summary>
    public const string PlanMarker = "_progress/plan.tsv";

    /// <summary>A shard's completion marker (relative to the output folder).</summary>
    public static string ShardMarker(int index) => $"_progress/part-{index:D5}.json";

    public static string Report(string output) => StorageUri.Combine(output, "report.html");

    public static string Manifest(string output) => StorageUri.Combine(output, "manifest.json");

    public static string Scores(string output) => StorageUri.Combine(output, "scores");
}
