using System.Text;
using System.Text.RegularExpressions;

namespace Lamdas.Storage;

/// <summary>
/// A glob over '/'-separated paths: <c>*</c> and <c>?</c> stay within one segment, <c>[abc]</c>, <c>[a-z]</c> and
/// <c>[!abc]</c> (or <c>[^abc]</c>) match one character of a segment, and <c>**</c> as a whole segment matches any
/// number of segments (zero included). An unclosed <c>[</c> is a literal character.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string pattern)
    {
        Pattern = pattern;
        var first = pattern.IndexOfAny(['*', '?', '[']);
        LiteralPrefix = first < 0 ? pattern : pattern[..first];
        // Globs come from teams' job specs: the non-backtracking engine matches in time linear in the path, whatever the
        // pattern (a backtracking one takes exponential time on patterns such as */*a*a*a*…*b).
        _regex = new Regex("^" + Translate(pattern) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
    }

    public string Pattern { get; }

    /// <summary>Everything before the first wildcard: the prefix to list by.</summary>
    public string LiteralPrefix { get; }

    public static bool HasWildcard(string path) => path.IndexOfAny(['*', '?', '[']) >= 0;

    public static GlobPattern Parse(string pattern) => new(pattern);

    public bool IsMatch(string path) => _regex.IsMatch(path);

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder();
        var segments = pattern.Split('/');
        for (var s = 0; s < segments.Length; s++)
        {
            var last = s == segments.Length - 1;
            if (segments[s] == "**")
            {
                regex.Append(last ? ".*" : "(?:[^/]*/)*");
                continue;
            }

            TranslateSegment(segments[s], regex);
            if (!last)
            {
                regex.Append('/');
            }
        }

        return regex.ToString();
    }

    private static void TranslateSegment(string segment, StringBuilder regex)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = ClassEnd(segment, i);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                    }
                    else
                    {
                        AppendClass(segment.AsSpan(i + 1, close - i - 1), regex);
                        i = close;
                    }

                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
    }

    /// <summary>Index of the ']' closing the class opened at <paramref name="open"/>, or -1.</summary>
    private static int ClassEnd(string segment, int open)
    {
        var i = open + 1;
        if (i < segment.Length && (segment[i] == '!' || segment[i] == '^'))
        {
            i++;
        }

        if (i < segment.Length && segment[i] == ']')
        {
            i++; // a ']' right after the opening is a member
        }

        var close = segment.IndexOf(']', i);
        return close;
    }

    private static void AppendClass(ReadOnlySpan<char> body, StringBuilder regex)
    {
        // A class never matches '/': a negated one excludes it, a positive one subtracts it (.NET class subtraction;
        // no look-ahead, which the non-backtracking engine does not take).
        var negated = body.Length > 0 && (body[0] == '!' || body[0] == '^');
        if (negated)
        {
            body = body[1..];
        }

        regex.Append(negated ? "[^/" : "[");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '-' && i > 0 && i < body.Length - 1)
            {
                regex.Append('-');
            }
            else if (c is '\\' or ']' or '[' or '^' or '-')
            {
                regex.Append('\\').Append(c);
            }
            else
            {
                regex.Append(c);
            }
        }

        regex.Append(negated ? "]" : "-[/]]");
    }
}
