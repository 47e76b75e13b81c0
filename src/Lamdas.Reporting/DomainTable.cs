using System.Text;

namespace Lamdas.Reporting;

/// <summary>
/// Selected vs total per domain (or label): where the selection comes from, and so where its false positives do.
/// </summary>
internal static class DomainTable
{
    /// <summary>Most rows shown; the rest are summed into one row.</summary>
    public const int MaxRows = 50;

    public static string Render(ReportLabels labels)
    {
        var rows = labels.Domains;
        if (rows.Count == 0)
        {
            return Placeholder.Html("No scored document has a label.");
        }

        var selectedTotal = rows.Sum(r => r.Selected);
        var falsePositives = rows.Where(r => !r.InDomain).Sum(r => r.Selected);
        var html = new StringBuilder("<p class=\"lead\" id=\"domains-lead\">");
        html.Append(Html.Escape($"{Format.Count(selectedTotal)} selected documents have a label; {Format.Count(falsePositives)} of them " +
            $"({(selectedTotal > 0 ? Format.Percent(falsePositives / (double)selectedTotal) : "n/a")}) are out of domain. " +
            "Each row: how many of a domain's documents were selected, and its share of the selection."));
        html.Append("</p><table class=\"domains\" id=\"domain-table\"><thead><tr><th>domain</th><th>label</th><th class=\"num\">selected</th>")
            .Append("<th class=\"num\">documents</th><th class=\"num\">selected share</th><th class=\"num\">share of the selection</th></tr></thead><tbody>");
        foreach (var row in rows.Take(MaxRows))
        {
            Row(html, row.Name, row.InDomain ? "in domain" : "out of domain", row.InDomain ? "in" : "out", row.Selected, row.Documents, selectedTotal);
        }

        if (rows.Count > MaxRows)
        {
            var rest = rows.Skip(MaxRows).ToList();
            Row(html, $"{Format.Count(rest.Count)} more", "", "rest", rest.Sum(r => r.Selected), rest.Sum(r => r.Documents), selectedTotal);
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static void Row(StringBuilder html, string name, string label, string kind, long selected, long documents, long selectedTotal)
    {
        html.Append("<tr class=\"domain-").Append(kind).Append(kind == "out" && selected > 0 ? " leak" : "").Append("\"><td class=\"id\">").Append(Html.Escape(name)).Append("</td><td>").Append(label)
            .Append("</td><td class=\"num\">").Append(Format.Count(selected))
            .Append("</td><td class=\"num\">").Append(Format.Count(documents))
            .Append("</td><td class=\"num\">").Append(documents > 0 ? Format.Percent(selected / (double)documents) : "n/a")
            .Append("</td><td class=\"num\">").Append(selectedTotal > 0 ? Format.Percent(selected / (double)selectedTotal) : "n/a")
            .Append("</td></tr>");
    }
}
