using System.Buffers;

namespace Lamdas.Tokenization.Text;

/// <summary>
/// Replaces unpaired surrogates with U+FFFD. Hugging Face only ever sees valid UTF-8, while .NET strings may hold
/// lone surrogates, which the byte-level conversion would otherwise turn into invalid three-byte sequences.
/// </summary>
internal static class Utf16Sanitizer
{
    public static string ReplaceLoneSurrogates(string text)
    {
        int first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0 || IsWellFormedFrom(text, first))
        {
            return text;
        }

        char[] buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(0, buffer, 0, text.Length);
            for (int i = first; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    buffer[i] = '\uFFFD';
                }
            }

            return new string(buffer, 0, text.Length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool IsWellFormedFrom(string text, int start)
    {
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
