namespace Lamdas.Tokenization.Tests;

/// <summary>Locates the repository root (the directory holding Lamdas.Cluster.sln) and the shared data beside it.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    public static string SharedTokenizers => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "tokenizers"));

    public static string Qwen2Directory => Path.Combine(SharedTokenizers, "qwen2");

    public static string Gpt2Directory => Path.Combine(SharedTokenizers, "gpt2");

    public static string PretrainCorpus => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "datasets", "pretrain", "corpus.jsonl.gz"));

    /// <summary>Reference ids produced by Hugging Face tokenizers (Python) on a reference machine.</summary>
    public static string HuggingFaceFixture => Path.Combine(RepositoryRoot, "tests", "fixtures", "hf", "tokenizer-ids.jsonl");

    /// <summary>Reference ids produced by Hugging Face tokenizers 0.23.2 (Node binding) with Fixtures/generate-hf-ids.js.</summary>
    public static string NodeReferenceFixture =>
        Path.Combine(RepositoryRoot, "tests", "Lamdas.Tokenization.Tests", "Fixtures", "hf-tokenizers-0.23.2-ids.jsonl");

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
