namespace Lamdas.Cli.Tests;

/// <summary>
/// Copies of tests/fixtures/hf/qwen2-tiny and llama-tiny with their tokenizer files added (Qwen2: tokenizer.json;
/// Llama: GPT-2 vocab.json + merges.txt), since the committed fixtures hold weights and references only.
/// </summary>
public sealed class HuggingFaceModelsFixture : IDisposable
{
    private readonly TempDirectory _root = new();

    public HuggingFaceModelsFixture()
    {
        Copy("qwen2-tiny", TestPaths.Qwen2Tokenizer, "tokenizer.json");
        Copy("llama-tiny", TestPaths.Gpt2Tokenizer, "vocab.json", "merges.txt");
    }

    /// <summary>The model directory for "qwen2-tiny" or "llama-tiny".</summary>
    public string Model(string name) => Path.Combine(_root.Path, name);

    public string Docs(string name) => Path.Combine(Model(name), "docs.jsonl");

    public string Prefix(string name) => Path.Combine(Model(name), "prefix-p5");

    /// <summary>reference.jsonl rows (id, max_tokens, ids, tokens, logprob, logprob_prefix, score).</summary>
    public List<System.Text.Json.JsonElement> Reference(string name) => Jsonl.Read(Path.Combine(Model(name), "reference.jsonl"));

    public void Dispose() => _root.Dispose();

    private void Copy(string name, string tokenizerDirectory, params string[] tokenizerFiles)
    {
        var source = Path.Combine(TestPaths.HuggingFaceFixtures, name);
        var target = Model(name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        foreach (var file in tokenizerFiles)
        {
            File.Copy(Path.Combine(tokenizerDirectory, file), Path.Combine(target, file));
        }
    }
}
