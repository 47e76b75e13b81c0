using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// The last step of every run, once every shard is scored: top-fraction selection when asked, then
/// manifest.json, report.html and — when the share of bad records is within bounds — <c>_SUCCESS</c>, last.
/// Everything it writes is a function of the spec, the shard results and the provenance, so the output folder
/// is the same however the shards were scored.
/// </summary>
public static class JobFinalizer
{
    public static async Task<JobSummary> FinalizeAsync(IObjectStore store, JobSpec spec, IReadOnlyList<ShardSpec> shards,
        IReadOnlyList<ShardResult> results, JobProvenance provenance, string? labelsPath, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(results);
        var finalResults = results.OrderBy(r => r.Index).ToList();
        double? topFractionCutOff = null;
        if (spec.Selection.Mode == SelectionMode.TopFraction)
        {
            var output = new JobOutput(store, spec);
            var selector = new TopFractionSelector(output, new ShardWriter(output), log);
            (finalResults, topFractionCutOff) = await selector.SelectAsync(shards, finalResults, ct).ConfigureAwait(false);
        }

        var docs = finalResults.Sum(r => r.Documents);
        var bad = finalResults.Sum(r => r.Quarantined);
        var badFraction = docs + bad == 0 ? 0 : (double)bad / (docs + bad);
        var ok = badFraction <= spec.MaxBadFraction;
        var summary = new JobSummary(spec, JobSpecParser.ToJson(spec), provenance, finalResults, topFractionCutOff, badFraction, ok);
        await StoreJson.WriteTextAsync(store, StorageUri.Combine(spec.Output, "manifest.json"), summary.ManifestJson(), ct).ConfigureAwait(false);
        var html = await new JobReport(store, spec, summary, labelsPath, log).RenderAsync(ct).ConfigureAwait(false);
        var htmlBytes = System.Text.Encoding.UTF8.GetBytes(html);
        await store.WriteAsync(StorageUri.Combine(spec.Output, "report.html"), (s, t) => s.WriteAsync(htmlBytes, t).AsTask(), ct).ConfigureAwait(false);
        if (ok)
        {
            await store.WriteAsync(StorageUri.Combine(spec.Output, "_SUCCESS"), (_, _) => Task.CompletedTask, ct).ConfigureAwait(false);
        }

        return summary;
    }

    /// <summary>The one-line result of a finished job.</summary>
    public static string Describe(JobSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Succeeded
            ? $"done: {summary.Selected} of {summary.Documents} documents selected"
            : $"{summary.Quarantined} of {summary.Documents + summary.Quarantined} records ({summary.BadFraction:P2}) could not be scored, " +
              $"more than max_bad_fraction {summary.Spec.MaxBadFraction:P2}; see quarantine/ — outputs are written but _SUCCESS is not";
    }
}
