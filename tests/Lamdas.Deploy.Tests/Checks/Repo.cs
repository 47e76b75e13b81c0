namespace Lamdas.Deploy.Tests.Checks;

/// <summary>Paths of the repository the tests run in (the folder holding Lamdas.Cluster.sln).</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Chart => Path.Combine(Root, "helm", "lamdas-cluster");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lamdas.Cluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Lamdas.Cluster.sln above {AppContext.BaseDirectory}");
    }
}
