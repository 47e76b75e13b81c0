using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lamdas.Tokenization.Text;

/// <summary>
/// Classifies code points (not UTF-16 code units) the way Hugging Face's Oniguruma patterns do:
/// a supplementary-plane letter such as U+1D400 is a letter, although .NET Regex's \p{L} would not match
/// either half of its surrogate pair.
/// </summary>
internal static class CodePointClassifier
{
    private static readonly CharClass[] Bmp = BuildBmpTable();

    /// <summary>
    /// Reads the code point at <paramref name="index"/> and returns its class; <paramref name="width"/>
    /// receives its length in UTF-16 code units. A lone surrogate counts as one <see cref="CharClass.Other"/> unit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CharClass Classify(ReadOnlySpan<char> text, int index, out int width)
    {
        char c = text[index];
        if (!char.IsHighSurrogate(c) || index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]))
        {
            width = 1;
            return Bmp[c];
        }

        width = 2;
        return ClassifySupplementary(char.ConvertToUtf32(c, text[index + 1]));
    }

    private static CharClass ClassifySupplementary(int codePoint) =>
        FromCategory(Rune.GetUnicodeCategory(new Rune(codePoint)));

    private static CharClass[] BuildBmpTable()
    {
        var table = new CharClass[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++)
        {
            char ch = (char)c;
            if (ch is '\r' or '\n')
            {
                table[c] = CharClass.LineBreak;
            }
            else if (char.IsSurrogate(ch))
            {
                table[c] = CharClass.Other;
            }
            else if (char.IsWhiteSpace(ch))
            {
                // char.IsWhiteSpace is exactly the Unicode White_Space property, which is what \s matches.
                table[c] = CharClass.Space;
            }
            else
            {
                table[c] = FromCategory(CharUnicodeInfo.GetUnicodeCategory(ch));
            }
        }

        return table;
    }

    private static CharClass FromCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharClass.Number,
        _ => CharClass.Other,
    };
}
