using Lamdas.Tokenization.Text;
using static Lamdas.Tokenization.PreTokenization.PatternScanning;

namespace Lamdas.Tokenization.PreTokenization;

/// <summary>
/// Code-point-exact scanner for the Qwen2/2.5/3 split pattern (<see cref="Pattern"/>), equivalent to
/// Hugging Face's Oniguruma <c>find_iter</c> with leftmost-first alternation and backtracking.
/// </summary>
internal sealed class Qwen2PatternSplitter : ScannedSplitter
{
    public const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static Qwen2PatternSplitter Instance { get; } = new();

    public override int MatchLength(ReadOnlySpan<char> text, int position)
    {
        char c = text[position];
        if (c == '\'')
        {
            int contraction = ContractionLength(text, position, ignoreCase: true);
            if (contraction > 0)
            {
                return contraction;
            }
        }

        CharClass current = CodePointClassifier.Classify(text, position, out int width);
        switch (current)
        {
            case CharClass.Letter:
                // [^\r\n\p{L}\p{N}]?\p{L}+ without the optional prefix.
                return RunEnd(text, position, CharClass.Letter) - position;

            case CharClass.Number:
                // \p{N}: one code point at a time.
                return width;

            case CharClass.Other:
                if (ClassAt(text, position + width) == CharClass.Letter)
                {
                    // [^\r\n\p{L}\p{N}]?\p{L}+ with the prefix.
                    return RunEnd(text, position + width, CharClass.Letter) - position;
                }

                // ?[^\s\p{L}\p{N}]+[\r\n]* without the space.
                return RunEnd(text, RunEnd(text, position, CharClass.Other), CharClass.LineBreak) - position;

            case CharClass.Space:
                CharClass? next = ClassAt(text, position + 1);
                if (next == CharClass.Letter)
                {
                    // White space other than CR/LF is a valid prefix of [^\r\n\p{L}\p{N}]?\p{L}+.
                    return RunEnd(text, position + 1, CharClass.Letter) - position;
                }

                if (c == ' ' && next == CharClass.Other)
                {
                    // ?[^\s\p{L}\p{N}]+[\r\n]* with the space.
                    return RunEnd(text, RunEnd(text, position + 1, CharClass.Other), CharClass.LineBreak) - position;
                }

                return WhitespaceLength(text, position);

            default:
                return WhitespaceLength(text, position);
        }
    }

    private static int WhitespaceLength(ReadOnlySpan<char> text, int position)
    {
        int end = WhitespaceEnd(text, position);

        // \s*[\r\n]+ : greedy \s* backs off to the last line break of the run, which [\r\n]+ then takes.
        int lastLineBreak = text[position..end].LastIndexOfAny('\r', '\n');
        if (lastLineBreak >= 0)
        {
            return lastLineBreak + 1;
        }

        return TrailingWhitespaceLength(text, position, end);
    }
}
