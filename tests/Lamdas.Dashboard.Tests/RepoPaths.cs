namespace Lamdas.Dashboard.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The bundled default model.</summary>
    public static string TinyModel => Path.Combine(Root, "models", "lamdas-tiny");

    /// <summary>The built CLI.</summary>
    public static string Cli => Path.Combine(Root, "src", "Lamdas.Cli", "bin", "Release", "net10.0", "lamdas");

    /// <summary>The shared benchmark task the browser test scores.</summary>
    public static string CodePython => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", "domain-bench-dev", "code-python"));

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
