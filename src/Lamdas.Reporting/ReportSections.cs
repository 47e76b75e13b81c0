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

    public static string Examples(IReadOnlyList<ReportExample> examples, string emptyMessage, string? id = null)
    {
        if (examples.Count == 0)
        {
            return Placeholder.Html(emptyMessage);
        }

        var labelled = examples.Any(e => e.Label is not null);
        var html = new StringBuilder("<table class=\"examples\"");
        if (id is not null)
        {
            html.Append(" id=\"").Append(Html.Escape(id)).Append('"');
        }

        html.Append("><thead><tr><th>#</th><th>id</th>").Append(labelled ? "<th>label</th>" : "")
            .Append("<th>score</th><th>tokens</th><th>snippet</th></tr></thead><tbody>");
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            html.Append("<tr><td class=\"num\">").Append(i + 1).Append("</td><td class=\"id\">").Append(Html.Escape(example.Id)).Append("</td>");
            if (labelled)
            {
                html.Append("<td class=\"id\">").Append(Html.Escape(example.Label)).Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(Format.Score(example.Score))
                .Append("</td><td class=\"num\">").Append(Format.Count(example.Tokens))
                .Append("</td><td><div class=\"snippet\">").Append(Html.Escape(Snippet.Cut(Snippet.Dedent(example.Snippet), MaxSnippetChars)))
                .Append("</div></td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The documents either side of the threshold: the lowest selected and the highest rejected.</summary>
    public static string NearThreshold(ReportData data)
    {
        var cut = data.Threshold is { } t ? $" (threshold {Format.Score(t)})" : "";
        return $"<h3>Just above the threshold{Html.Escape(cut)}: the lowest-scoring selected documents</h3>" +
            Examples(data.JustAbove, "No selected document.", "just-above") +
            "<h3>Just below the threshold: the highest-scoring rejected documents</h3>" +
            Examples(data.JustBelow, "No rejected document.", "just-below");
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
