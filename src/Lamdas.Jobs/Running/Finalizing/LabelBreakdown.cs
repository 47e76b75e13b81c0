using Lamdas.Formats;
using Lamdas.Reporting;

namespace Lamdas.Jobs.Running;

/// <summary>Selected vs total per labelled domain: where a selection's documents, and its false positives, come from.</summary>
public static class LabelBreakdown
{
    /// <summary>
    /// One row per (domain, in-domain) pair of the labelled rows (rows without a label are left out): in-domain rows
    /// first, then by selected documents, documents and name.
    /// </summary>
    public static IReadOnlyList<ReportDomain> ByDomain(IEnumerable<ScoreRow> rows, IReadOnlyDictionary<string, LabelEntry> labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        var groups = new Dictionary<(string Domain, bool InDomain), (long Documents, long Selected)>();
        foreach (var row in rows)
        {
            if (!labels.TryGetValue(row.Id, out var label))
            {
                continue;
            }

            var key = (label.Domain, label.InDomain);
            var (documents, selected) = groups.GetValueOrDefault(key);
            groups[key] = (documents + 1, selected + (row.Selected ? 1 : 0));
        }

        return [.. groups
            .Select(g => new ReportDomain(g.Key.Domain, g.Key.InDomain, g.Value.Documents, g.Value.Selected))
            .OrderByDescending(d => d.InDomain)
            .ThenByDescending(d => d.Selected)
            .ThenByDescending(d => d.Documents)
            .ThenBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Precision (in-domain share of the selected labelled documents) and recall (selected share of the in-domain
    /// labelled documents) of a breakdown; 0 where the denominator is 0.
    /// </summary>
    public static (double Precision, double Recall) PrecisionRecall(IReadOnlyList<ReportDomain> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var truePositives = domains.Where(d => d.InDomain).Sum(d => d.Selected);
        var selected = domains.Sum(d => d.Selected);
        var positives = domains.Where(d => d.InDomain).Sum(d => d.Documents);
        return (selected == 0 ? 0 : truePositives / (double)selected, positives == 0 ? 0 : truePositives / (double)positives);
    }
}
