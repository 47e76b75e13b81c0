namespace Lamdas.Tokenization.Tests;

/// <summary>The real tokenizers, loaded once per test run (loading Qwen2 parses an 11 MB tokenizer.json).</summary>
internal static class SharedTokenizers
{
    private static readonly Lazy<ITextTokenizer> LazyQwen2 = new(() => TokenizerLoader.Load(TestPaths.Qwen2Directory));
    private static readonly Lazy<ITextTokenizer> LazyGpt2 = new(() => TokenizerLoader.Load(TestPaths.Gpt2Directory));

    public static ITextTokenizer Qwen2 => LazyQwen2.Value;

    public static ITextTokenizer Gpt2 => LazyGpt2.Value;

    public static ITextTokenizer ByName(string name) => name switch
    {
        "qwen2" => Qwen2,
        "gpt2" => Gpt2,
        _ => throw new ArgumentException($"Unknown tokenizer '{name}' in fixture.", nameof(name)),
    };
}
