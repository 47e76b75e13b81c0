using System.Text;

namespace Lamdas.Reporting;

/// <summary>The non-chart parts of the page: summary figures, example tables and the facts table.</summary>
internal static class ReportSections
{
    /// <summary>Longest snippet shown, in characters.</summary>
    public const int MaxSnippetChars = 500;

    public static string Summary(ReportData data)
    {
        var rejected = Math.Max(0, data.Documents - data.Selected - data.Quarantined);
        var cards = new List<(string Label, string Value, string Note)>
        {
            ("Documents", Format.Count(data.Documents), ""),
            ("Selected", Format.Count(data.Selected), Share(data.Selected, data.Documents)),
            ("Rejected", Format.Count(rejected), Share(rejected, data.Documents) + (data.HeldBack > 0 ? $", {Format.Count(data.HeldBack)} by the first stage" : "")),
            ("Quarantined", Format.Count(data.Quarantined), Share(data.Quarantined, data.Documents)),
            ("Tokens", Format.Count(data.Tokens), ""),
        };
        if (data.SelectedPrecision is { } precision)
        {
            cards.Add(("Precision", Format.Percent(precision), "of the selected set"));
        }

        if (data.SelectedRecall is { } recall)
        {
            cards.Add(("Recall", Format.Percent(recall), "of in-domain documents"));
        }

        var html = new StringBuilder("<div class=\"cards\">");
        foreach (var (label, value, note) in cards)
        {
            html.Append("<div class=\"card\" id=\"count-").Append(label.ToLowerInvariant()).Append("\"><div class=\"card-label\">")
                .Append(label).Append("</div><div class=\"card-value\">").Append(value).Append("</div><div class=\"card-note\">")
                .Append(Html.Escape(note)).Append("</div></div>");
        }

        return html.Append("</div>").ToString();
    }

    public static string Examples(IReadOnlyList<ReportExample> examples, string emptyMessage)
    {
        if (examples.Count == 0)
        {
            return Placeholder.Html(emptyMessage);
        }

        var html = new StringBuilder("<table class=\"examples\"><thead><tr><th>#</th><th>id</th><th>score</th><th>tokens</th><th>snippet</th></tr></thead><tbody>");
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            html.Append("<tr><td class=\"num\">").Append(i + 1).Append("</td><td class=\"id\">").Append(Html.Escape(example.Id))
                .Append("</td><td class=\"num\">").Append(Format.Score(example.Score))
                .Append("</td><td class=\"num\">").Append(Format.Count(example.Tokens))
                .Append("</td><td><div class=\"snippet\">").Append(Html.Escape(Html.Truncate(example.Snippet, MaxSnippetChars)))
                .Append("</div></td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string Facts(IReadOnlyDictionary<string, string> facts)
    {
        if (facts.Count == 0)
        {
            return Placeholder.Html("No facts recorded.");
        }

        var html = new StringBuilder("<table class=\"facts\"><tbody>");
        foreach (var (key, value) in facts)
        {
            html.Append("<tr><th>").Append(Html.Escape(key)).Append("</th><td>").Append(Html.Escape(value)).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Share(long part, long whole) => whole > 0 ? Format.Percent(part / (double)whole) + " of documents" : "";
}
