using System.Runtime.CompilerServices;
using Lamdas.Tokenization.Text;

namespace Lamdas.Tokenization.PreTokenization;

/// <summary>Building blocks shared by the hand-written pattern scanners.</summary>
internal static class PatternScanning
{
    /// <summary>End index of the run of code points of class <paramref name="charClass"/> that starts at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RunEnd(ReadOnlySpan<char> text, int start, CharClass charClass)
    {
        int i = start;
        while (i < text.Length && CodePointClassifier.Classify(text, i, out int width) == charClass)
        {
            i += width;
        }

        return i;
    }

    /// <summary>Class of the code point at <paramref name="index"/>, or null past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CharClass? ClassAt(ReadOnlySpan<char> text, int index) =>
        index < text.Length ? CodePointClassifier.Classify(text, index, out _) : null;

    /// <summary>
    /// Length of <c>'s|'t|'re|'ve|'m|'ll|'d</c> at <paramref name="position"/> (which holds an apostrophe), or 0.
    /// With <paramref name="ignoreCase"/> the letters match as Oniguruma's <c>(?i:...)</c> does, where U+017F
    /// (long s) case-folds to "s".
    /// </summary>
    public static int ContractionLength(ReadOnlySpan<char> text, int position, bool ignoreCase)
    {
        if (position + 1 >= text.Length)
        {
            return 0;
        }

        char first = Fold(text[position + 1], ignoreCase);
        switch (first)
        {
            case 's' or 't' or 'm' or 'd':
                return 2;
            case 'r' or 'v' or 'l':
                if (position + 2 >= text.Length)
                {
                    return 0;
                }

                char second = Fold(text[position + 2], ignoreCase);
                char expected = first == 'l' ? 'l' : 'e';
                return second == expected ? 3 : 0;
            default:
                return 0;
        }
    }

    /// <summary>
    /// Hugging Face's whitespace tail: <c>\s+(?!\S)|\s+</c> starting at <paramref name="position"/>, which holds white space.
    /// All white space characters are in the BMP, so backing off one character is one code unit.
    /// </summary>
    public static int TrailingWhitespaceLength(ReadOnlySpan<char> text, int position, int whitespaceEnd)
    {
        if (whitespaceEnd == text.Length || whitespaceEnd - 1 == position)
        {
            return whitespaceEnd - position;
        }

        return whitespaceEnd - 1 - position;
    }

    /// <summary>End index of the white space run (any <c>\s</c>, line breaks included) starting at <paramref name="start"/>.</summary>
    public static int WhitespaceEnd(ReadOnlySpan<char> text, int start)
    {
        int i = start;
        while (i < text.Length)
        {
            CharClass c = CodePointClassifier.Classify(text, i, out int width);
            if (c is not (CharClass.Space or CharClass.LineBreak))
            {
                break;
            }

            i += width;
        }

        return i;
    }

    private static char Fold(char c, bool ignoreCase)
    {
        if (!ignoreCase)
        {
            return c;
        }

        return c switch
        {
            >= 'A' and <= 'Z' => (char)(c | 0x20),
            '\u017F' => 's',
            _ => c,
        };
    }
}
