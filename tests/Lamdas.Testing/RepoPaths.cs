namespace Lamdas.Testing;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The bundled default model.</summary>
    public static string TinyModel => Path.Combine(Root, "models", "lamdas-tiny");

    /// <summary>A development benchmark task of ../shared (reference.jsonl, candidates.jsonl, labels.jsonl).</summary>
    public static string BenchTask(string name) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", "domain-bench-dev", name));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lamdas.Cluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
