using System.Text.RegularExpressions;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>The metric names a PromQL expression selects (enough of PromQL for dashboard queries).</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords =
    [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "inf", "nan",
    ];

    public static IReadOnlyList<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, "{}");
        text = RangeOrSubquery().Replace(text, "[]");
        text = Grouping().Replace(text, " ");
        text = GrafanaVariable().Replace(text, " ");
        var names = new List<string>();
        foreach (Match match in Identifier().Matches(text))
        {
            var name = match.Groups[1].Value;
            var isCall = match.Groups[2].Success;
            if (!isCall && !Keywords.Contains(name) && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// The label names an expression refers to: in grouping clauses (<c>by (a, b)</c>, <c>on (c)</c>,
    /// <c>group_left (d)</c>) and label matchers (<c>{e="x", f=~"y"}</c>).
    /// </summary>
    public static IReadOnlyList<string> LabelNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        var names = new List<string>();
        foreach (Match grouping in Grouping().Matches(text))
        {
            var inner = grouping.Value[(grouping.Value.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
            names.AddRange(inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (Match matchers in LabelMatchers().Matches(text))
        {
            names.AddRange(MatcherName().Matches(matchers.Value).Select(m => m.Groups[1].Value));
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherName();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?\w+(:\w+)?\}?")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"(?<![\w.])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?")]
    private static partial Regex Identifier();
}
