namespace Lamdas.Cli.Tests;

/// <summary>The rows of tests/fixtures/hf/tokenizer-ids.jsonl for one tokenizer ("qwen2" or "gpt2").</summary>
internal static class HuggingFaceTokenizerIds
{
    public static List<TokenizedText> Load(string tokenizer) =>
        Jsonl.Read(TestPaths.TokenizerIds)
            .Where(row => Field.String(row, "tokenizer") == tokenizer)
            .Select(row => new TokenizedText(Field.String(row, "text"), Field.IntArray(row, "ids")))
            .ToList();

    /// <summary>The non-empty texts (an empty text is a bad record for the CLI).</summary>
    public static List<TokenizedText> LoadNonEmpty(string tokenizer) =>
        Load(tokenizer).Where(t => t.Text.Length > 0).ToList();
}
