using System.Globalization;
using System.Text;
using Lamdas.Reporting;

namespace Lamdas.Cli.Commands;

/// <summary>The per-domain table of selected vs total documents, as plain text for <c>eval</c> and <c>run --labels</c>.</summary>
internal static class DomainTableText
{
    /// <summary>The table's heading line.</summary>
    public const string Heading = "selected by domain";

    /// <summary>Most rows printed; the rest are summed into one line.</summary>
    public const int MaxRows = 50;

    public static string Render(IReadOnlyList<ReportDomain> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var selectedTotal = domains.Sum(d => d.Selected);
        var rows = domains.Take(MaxRows).Select(d => (Name: d.Name, Label: d.InDomain ? "in" : "out", d.Selected, d.Documents)).ToList();
        if (domains.Count > MaxRows)
        {
            var rest = domains.Skip(MaxRows).ToList();
            rows.Add(($"({rest.Count} more)", "", rest.Sum(d => d.Selected), rest.Sum(d => d.Documents)));
        }

        var width = Math.Clamp(rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max(), "domain".Length, 40);
        var text = new StringBuilder();
        text.Append(Heading).Append(" (").Append(selectedTotal.ToString(CultureInfo.InvariantCulture)).Append(" labelled documents selected)\n");
        text.Append(CultureInfo.InvariantCulture, $"  {"domain".PadRight(width)}  {"label",-5}  {"selected",8}  {"documents",9}  {"share",6}  {"of selection",12}\n");
        foreach (var (name, label, selected, documents) in rows)
        {
            var shown = name.Length <= width ? name : name[..(width - 1)] + "…";
            text.Append(CultureInfo.InvariantCulture,
                $"  {shown.PadRight(width)}  {label,-5}  {selected,8}  {documents,9}  {Share(selected, documents),6}  {Share(selected, selectedTotal),12}\n");
        }

        return text.ToString();
    }

    private static string Share(long part, long whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
