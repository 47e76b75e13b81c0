using Lamdas.Tokenization.Text;
using static Lamdas.Tokenization.PreTokenization.PatternScanning;

namespace Lamdas.Tokenization.PreTokenization;

/// <summary>
/// Code-point-exact scanner for the GPT-2 pattern (<see cref="Pattern"/>), used by <c>ByteLevel(use_regex=true)</c>
/// and by vocab.json+merges.txt tokenizers.
/// </summary>
internal sealed class Gpt2PatternSplitter : ScannedSplitter
{
    public const string Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static Gpt2PatternSplitter Instance { get; } = new();

    public override int MatchLength(ReadOnlySpan<char> text, int position)
    {
        char c = text[position];
        if (c == '\'')
        {
            int contraction = ContractionLength(text, position, ignoreCase: false);
            if (contraction > 0)
            {
                return contraction;
            }
        }

        int start = position;
        if (c == ' ' && ClassAt(text, position + 1) is CharClass.Letter or CharClass.Number or CharClass.Other)
        {
            // The optional leading space of ?\p{L}+, ?\p{N}+ and ?[^\s\p{L}\p{N}]+.
            start++;
        }

        CharClass current = CodePointClassifier.Classify(text, start, out _);
        if (current is CharClass.Letter or CharClass.Number or CharClass.Other)
        {
            return RunEnd(text, start, current) - position;
        }

        return TrailingWhitespaceLength(text, position, WhitespaceEnd(text, position));
    }
}
