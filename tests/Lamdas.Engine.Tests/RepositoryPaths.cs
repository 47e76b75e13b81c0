namespace Lamdas.Engine.Tests;

/// <summary>Locates the repository root (the folder with Lamdas.Cluster.sln) and the shared inputs beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures", "hf");

    public static string SharedTokenizers => Path.GetFullPath(Path.Combine(Root, "..", "shared", "tokenizers"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lamdas.Cluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Lamdas.Cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
