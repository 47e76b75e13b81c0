namespace Lamdas.Cli.Tests;

/// <summary>Locates the repository root (the directory holding Lamdas.Cluster.sln), its fixtures and the shared data beside it.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Gpt2Tokenizer => Path.Combine(Shared, "tokenizers", "gpt2");

    public static string Qwen2Tokenizer => Path.Combine(Shared, "tokenizers", "qwen2");

    /// <summary>Real Python source documents (one JSON object per line: id, text).</summary>
    public static string CodePythonReference => Path.Combine(Shared, "datasets", "domain-bench-dev", "code-python", "reference.jsonl");

    public static string HuggingFaceFixtures => Path.Combine(RepositoryRoot, "tests", "fixtures", "hf");

    /// <summary>Ids produced by Hugging Face tokenizers: lines {"tokenizer": "qwen2"|"gpt2", "text", "ids"}.</summary>
    public static string TokenizerIds => Path.Combine(HuggingFaceFixtures, "tokenizer-ids.jsonl");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lamdas.Cluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory containing Lamdas.Cluster.sln above {AppContext.BaseDirectory}.");
    }
}
