using System.Text.Json;

namespace Lamdas.Engine.Tests;

/// <summary>A Hugging Face reference checkpoint copied to a temp folder together with its tokenizer files.</summary>
internal static class FixtureModel
{
    public static string Prepare(string name)
    {
        var target = Path.Combine(Path.GetTempPath(), "lamdas-engine-tests", name + "-" + Environment.ProcessId);
        if (Directory.Exists(target))
        {
            return target;
        }

        // Test classes build their fixtures in parallel: each stages in its own folder and the first to finish wins.
        var staging = $"{target}.staging-{Guid.NewGuid():N}";

        CopyDirectory(Path.Combine(RepositoryPaths.Fixtures, name), staging);
        if (name.StartsWith("qwen2", StringComparison.Ordinal))
        {
            File.Copy(Path.Combine(RepositoryPaths.SharedTokenizers, "qwen2", "tokenizer.json"), Path.Combine(staging, "tokenizer.json"));
        }
        else
        {
            File.Copy(Path.Combine(RepositoryPaths.SharedTokenizers, "gpt2", "vocab.json"), Path.Combine(staging, "vocab.json"));
            File.Copy(Path.Combine(RepositoryPaths.SharedTokenizers, "gpt2", "merges.txt"), Path.Combine(staging, "merges.txt"));
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
        }

        return target;
    }

    /// <summary>Rows of reference.jsonl computed by the float64 reference implementation.</summary>
    public static IReadOnlyList<ReferenceRow> References(string name) =>
        File.ReadLines(Path.Combine(RepositoryPaths.Fixtures, name, "reference.jsonl"))
            .Select(line => JsonSerializer.Deserialize<ReferenceRow>(line)!)
            .ToList();

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(source))
        {
            CopyDirectory(dir, Path.Combine(destination, Path.GetFileName(dir)));
        }
    }
}
