using System.Buffers;

namespace Lamdas.Tokenization.AddedTokens;

/// <summary>
/// Finds added tokens in text the way Hugging Face's added vocabulary does with <c>encode_special_tokens=True</c>:
/// leftmost-longest, non-overlapping matches over all tokens of the set, after which matches of special tokens
/// are discarded (their text is then encoded as ordinary text).
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly SearchValues<char> _firstChars;
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens)
    {
        AddedToken[] all = tokens.Where(t => t.Content.Length > 0).ToArray();
        HasMatchableTokens = all.Any(t => !t.Special);
        _byFirstChar = all
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    /// <summary>False when no match could ever be kept (the set is empty or holds only special tokens).</summary>
    public bool HasMatchableTokens { get; }

    /// <summary>Finds the first kept match at or after <paramref name="start"/>.</summary>
    public bool TryFindNext(ReadOnlySpan<char> text, int start, out int index, out AddedToken token)
    {
        int position = HasMatchableTokens ? start : text.Length;
        while (position < text.Length)
        {
            int candidate = text[position..].IndexOfAny(_firstChars);
            if (candidate < 0)
            {
                break;
            }

            position += candidate;
            AddedToken? longest = LongestAt(text, position);
            if (longest is null)
            {
                position++;
                continue;
            }

            if (longest.Special)
            {
                // Matched and skipped: the span is consumed, so no other added token can start inside it.
                position += longest.Content.Length;
                continue;
            }

            index = position;
            token = longest;
            return true;
        }

        index = -1;
        token = null!;
        return false;
    }

    private AddedToken? LongestAt(ReadOnlySpan<char> text, int position)
    {
        ReadOnlySpan<char> rest = text[position..];
        foreach (AddedToken candidate in _byFirstChar[text[position]])
        {
            if (rest.StartsWith(candidate.Content, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }
}
