using System.Text.Json.Nodes;
using Lamdas.Engine.Model;
using Lamdas.SafeTensors;
using Lamdas.Tokenization;

namespace Lamdas.Jobs.Tests;

/// <summary>A temp folder with a tiny random Qwen2 model (written by the project's own initializer) and small corpora.</summary>
public sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lamdas-jobs-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Model = System.IO.Path.Combine(Root, "model");
        var gpt2 = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "tokenizers", "gpt2"));
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("Qwen2ForCausalLM"),
            ["model_type"] = "qwen2",
            ["vocab_size"] = 50304,
            ["hidden_size"] = 32,
            ["intermediate_size"] = 64,
            ["num_hidden_layers"] = 2,
            ["num_attention_heads"] = 4,
            ["num_key_value_heads"] = 2,
            ["tie_word_embeddings"] = true,
            ["bos_token_id"] = 50256,
            ["eos_token_id"] = 50256,
            ["rope_theta"] = 10000.0,
            ["rms_norm_eps"] = 1e-6,
        };
        ModelInitializer.Create(config, gpt2, Model, seed: 5, SafeTensorDType.F32);
        _ = TokenizerLoader.Load(Model);
        var bench = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "datasets", "domain-bench-dev", "code-python"));
        Reference = System.IO.Path.Combine(Root, "reference.jsonl");
        File.WriteAllLines(Reference, File.ReadLines(System.IO.Path.Combine(bench, "reference.jsonl")).Take(12));
        CandidateLines = File.ReadLines(System.IO.Path.Combine(bench, "candidates.jsonl")).Where(l => l.Length > 0).Take(60).ToList();
    }

    public static string RepoRoot { get; } = FindRoot();

    public string Root { get; }

    public string Model { get; }

    public string Reference { get; }

    public IReadOnlyList<string> CandidateLines { get; }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Lamdas.Cluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
