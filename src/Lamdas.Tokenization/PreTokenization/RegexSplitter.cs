using System.Text.RegularExpressions;

namespace Lamdas.Tokenization.PreTokenization;

/// <summary>
/// Fallback for <c>Split</c> patterns without a dedicated scanner, with Hugging Face's <c>Isolated</c> behavior:
/// matches and the gaps between them both become pieces, an empty match still ends the gap before it, and empty
/// pieces are dropped.
/// </summary>
/// <remarks>
/// .NET Regex evaluates classes such as \p{L} per UTF-16 code unit, so supplementary-plane characters
/// (e.g. U+1D400) never match \p{L}/\p{N} here while Oniguruma matches them. Results can therefore differ
/// from Hugging Face on text outside the BMP; the known Qwen2 and GPT-2 patterns use exact scanners instead.
/// </remarks>
internal sealed class RegexSplitter : TextSplitter
{
    private readonly Regex _regex;

    public RegexSplitter(string pattern)
    {
        _regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    public override void Split(ReadOnlySpan<char> text, int offset, List<(int Offset, int Length)> output)
    {
        int previous = 0;
        foreach (ValueMatch match in _regex.EnumerateMatches(text))
        {
            if (match.Index > previous)
            {
                output.Add((offset + previous, match.Index - previous));
            }

            if (match.Length > 0)
            {
                output.Add((offset + match.Index, match.Length));
            }

            previous = match.Index + match.Length;
        }

        if (previous < text.Length)
        {
            output.Add((offset + previous, text.Length - previous));
        }
    }
}
