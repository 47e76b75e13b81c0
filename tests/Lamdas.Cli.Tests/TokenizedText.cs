namespace Lamdas.Cli.Tests;

/// <summary>A text and the ids a Hugging Face tokenizer gives it (plain text: no special tokens).</summary>
internal sealed record TokenizedText(string Text, int[] Ids);
