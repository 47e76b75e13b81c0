using System.Net;
using System.Text;
using System.Text.Json;
using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Finalizes a job of several domains: each domain's folder as a single-domain job's (<see cref="JobFinalizer"/>), then
/// the job's own folder: <c>domains.json</c> and <c>report.html</c> with each domain's selection and the overlap
/// between every two domains' selections, and <c>_SUCCESS</c> when every domain succeeded.
/// </summary>
public static class DomainsFinalizer
{
    public const string SummaryFile = "domains.json";

    /// <summary>Finalizes every domain (<paramref name="results"/> and <paramref name="provenance"/> per domain, in the spec's order).</summary>
    public static async Task<IReadOnlyList<JobSummary>> FinalizeAsync(IObjectStore store, JobSpec spec, IReadOnlyList<ShardSpec> shards,
        IReadOnlyList<IReadOnlyList<ShardResult>> results, JobProvenance provenance, string? labelsPath, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(provenance);
        var domains = spec.PerDomain();
        var summaries = new List<JobSummary>(domains.Count);
        for (var d = 0; d < domains.Count; d++)
        {
            summaries.Add(await JobFinalizer.FinalizeAsync(store, domains[d], shards, results[d], provenance.ForDomain(d), labelsPath, log, ct)
                .ConfigureAwait(false));
        }

        if (spec.Domains is not { } named)
        {
            return summaries;
        }

        var selected = new List<HashSet<string>>(domains.Count);
        foreach (var domain in domains)
        {
            var rows = await ScoreFiles.ReadAllAsync(store, domain.Output, ct).ConfigureAwait(false);
            selected.Add(rows.Where(r => r.Selected).Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
        }

        var overlap = new long[domains.Count][];
        for (var a = 0; a < domains.Count; a++)
        {
            overlap[a] = new long[domains.Count];
            for (var b = 0; b < domains.Count; b++)
            {
                overlap[a][b] = selected[a].Count(selected[b].Contains);
            }
        }

        var union = selected.SelectMany(s => s).ToHashSet(StringComparer.Ordinal).Count;
        var summary = new
        {
            documents = summaries[0].Documents,
            selected_by_any = union,
            domains = named.Select((n, i) => new
            {
                name = n.Name,
                output = domains[i].Output,
                selected = summaries[i].Selected,
                succeeded = summaries[i].Succeeded,
                overlap = named.Select((m, j) => new { domain = m.Name, documents = overlap[i][j] }).Where((_, j) => j != i).ToList(),
            }).ToList(),
        };
        await StoreJson.WriteTextAsync(store, StorageUri.Combine(spec.Output, SummaryFile),
            JsonSerializer.Serialize(summary, JobSpecJson.Options), ct).ConfigureAwait(false);
        var html = Encoding.UTF8.GetBytes(Report(spec, named, summaries, overlap, union));
        await store.WriteAsync(JobPaths.Report(spec.Output), (s, t) => s.WriteAsync(html, t).AsTask(), ct).ConfigureAwait(false);
        if (summaries.All(s => s.Succeeded))
        {
            await store.WriteAsync(StorageUri.Combine(spec.Output, "_SUCCESS"), (_, _) => Task.CompletedTask, ct).ConfigureAwait(false);
        }

        return summaries;
    }

    private static string Report(JobSpec spec, IReadOnlyList<DomainSpec> domains, IReadOnlyList<JobSummary> summaries, long[][] overlap, int union)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(spec.Name)).Append(" — domains</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}")
            .Append("th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("</style></head><body><h1>").Append(WebUtility.HtmlEncode(spec.Name)).Append(": ").Append(domains.Count)
            .Append(" domains</h1><p>").Append(summaries[0].Documents.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" candidate documents; ").Append(union.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" selected by at least one domain. Each domain's own report is in its folder.</p>")
            .Append("<table><caption>Documents selected by the row's domain and by the column's</caption><tr><th>domain</th><th>selected</th>");
        foreach (var domain in domains)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(domain.Name)).Append("</th>");
        }

        html.Append("</tr>");
        for (var a = 0; a < domains.Count; a++)
        {
            html.Append("<tr><td><a href=\"").Append(WebUtility.HtmlEncode(Uri.EscapeDataString(domains[a].Name))).Append("/report.html\">")
                .Append(WebUtility.HtmlEncode(domains[a].Name)).Append("</a></td><td>").Append(summaries[a].Selected);
            html.Append("</td>");
            for (var b = 0; b < domains.Count; b++)
            {
                html.Append("<td>").Append(a == b ? "—" : overlap[a][b].ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</table></body></html>\n").ToString();
    }
}
