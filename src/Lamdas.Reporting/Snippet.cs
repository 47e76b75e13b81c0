using System.Globalization;
using System.Text;

namespace Lamdas.Reporting;

/// <summary>
/// The start of a document as shown in a report: leading blank lines and the indentation that all its lines share are
/// removed (a method cut out of a class reads from column 0), and it is cut between user-perceived characters
/// (never inside a surrogate pair, a combining sequence or an emoji sequence), with "…" when cut.
/// </summary>
public static class Snippet
{
    /// <summary>Characters of a document kept with a scored example, before it reaches a report.</summary>
    public const int StoredChars = 400;

    /// <summary>The first <paramref name="maxChars"/> characters of <paramref name="text"/> (including the "…" when cut).</summary>
    public static string Cut(string? text, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        if (text is null || text.Length <= maxChars)
        {
            return text ?? string.Empty;
        }

        // The longest run of whole text elements that leaves room for the ellipsis.
        var cut = 0;
        while (cut < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(cut));
            if (cut + next > maxChars - 1)
            {
                break;
            }

            cut += next;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// <paramref name="text"/> without leading blank lines, trailing white space, and the leading spaces/tabs that every
    /// non-blank line shares (compared character by character, so a tab and spaces are not mixed up).
    /// </summary>
    public static string Dedent(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var lines = text.TrimEnd().Split('\n');
        var first = 0;
        while (first < lines.Length && string.IsNullOrWhiteSpace(lines[first]))
        {
            first++;
        }

        string? common = null;
        for (var i = first; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var indent = line.AsSpan(0, line.Length - line.AsSpan().TrimStart(" \t").Length);
            common = common is null ? indent.ToString() : common[..common.AsSpan().CommonPrefixLength(indent)];
            if (common.Length == 0)
            {
                break;
            }
        }

        var builder = new StringBuilder(text.Length);
        for (var i = first; i < lines.Length; i++)
        {
            if (i > first)
            {
                builder.Append('\n');
            }

            // Every non-blank line starts with the common indentation; a blank line is left empty.
            var line = lines[i];
            builder.Append(string.IsNullOrWhiteSpace(line) ? line.AsSpan().TrimStart(" \t") : line.AsSpan(common!.Length));
        }

        return builder.ToString();
    }
}
