using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Reporting;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Builds report.html from the committed score files and the shard results.</summary>
internal sealed class JobReport(IObjectStore store, JobSpec spec, JobSummary summary, string? labelsPath)
{
    private const int Bins = 40;
    private const int MaxPoints = 4000;

    public async Task<string> RenderAsync(CancellationToken ct)
    {
        var rows = new List<ScoreRow>();
        long heldBack = 0;
        foreach (var shard in summary.Shards)
        {
            var file = shard.Files.FirstOrDefault(f => f.Path.StartsWith("scores/", StringComparison.Ordinal));
            if (file is null)
            {
                continue;
            }

            // A cascade's held-back rows have no LLM score (NaN): counted, but kept out of the charts and the label metrics.
            var read = await ScoreFiles.ReadAsync(store, StorageUri.Combine(spec.Output, file.Path), ct);
            heldBack += read.Count(r => !r.ReachedModel);
            rows.AddRange(read.Where(r => !double.IsNaN(r.Score)));
        }

        var (edges, selectedCounts, rejectedCounts) = Histogram(rows);
        var stride = Math.Max(1, rows.Count / MaxPoints);
        var points = rows.Where((_, i) => i % stride == 0).Select(r => (r.Tokens, r.Score, r.Selected)).ToList();
        var metadata = summary.Provenance.PrefixMetadata;
        var facts = new Dictionary<string, string>
        {
            ["input"] = spec.Input,
            ["output"] = spec.Output,
            ["shards"] = summary.Shards.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["max tokens"] = spec.MaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (summary.Provenance is { Model: { } model, ModelFingerprint: { } fingerprint })
        {
            facts["model"] = $"{model} ({fingerprint[..Math.Min(23, fingerprint.Length)]}…)";
        }

        if (summary.Provenance.PrefixFingerprint is { } prefix)
        {
            facts["prefix"] = prefix;
        }

        if (summary.TopFractionCutOff is { } cut)
        {
            facts["top-fraction cut-off score"] = cut.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        }

        var (precision, recall) = await LabelMetricsAsync(rows, ct);
        var examples = new ExampleKeeper(10);
        foreach (var s in summary.Shards)
        {
            examples.Merge(s.Top, s.Bottom);
        }

        var data = new ReportData
        {
            JobName = spec.Name,
            Method = spec.Method == SelectionMethod.TfIdf ? "tfidf" : spec.Method.ToString().ToLowerInvariant(),
            SelectionRule = spec.Selection.Describe(spec.Method),
            Documents = summary.Documents,
            Selected = summary.Selected,
            Quarantined = summary.Quarantined,
            Tokens = summary.Tokens,
            SelectedPrecision = precision,
            SelectedRecall = recall,
            HistogramEdges = edges,
            HistogramSelected = selectedCounts,
            HistogramRejected = rejectedCounts,
            ScoreVsLength = points,
            PrefixLoss = metadata?.Epochs.Select(e => (e.Epoch, e.TrainNll, e.ValidationNll)).ToList() ?? [],
            PrefixLossHeldOut = metadata?.ValidationHeldOut ?? metadata?.HyperParameters is not { ValidationFraction: 0 },
            ValidationNllBase = metadata?.ValidationNllBase,
            Top = examples.Top.Select(e => new ReportExample(e.Id, e.Score, e.Tokens, e.Snippet)).ToList(),
            Bottom = examples.Bottom.Select(e => new ReportExample(e.Id, e.Score, e.Tokens, e.Snippet)).ToList(),
            Facts = facts,
            HeldBack = heldBack,
            Cascade = summary.Provenance.Cascade is { } pilot ? new ReportCascade
            {
                Method = pilot.Method,
                Cut = pilot.Cut,
                Note = pilot.Note,
                PilotDocuments = pilot.Documents,
                PilotKept = pilot.Kept,
                PilotRounds = pilot.Rounds,
                PilotPassRate = pilot.PassRate,
                TargetRecall = pilot.TargetRecall,
                Confidence = pilot.Confidence,
                Recall = pilot.Recall,
                RecallLower = pilot.RecallLower,
                ModelDocuments = summary.ModelDocuments,
                ModelTokens = summary.ModelTokens,
                CandidateTokensPerDocument = pilot.CandidateTokensPerDocument,
                ScoredTokensPerDocument = pilot.ScoredTokensPerDocument,
            } : null,
        };
        return HtmlReport.Render(data);
    }

    private static (double[] Edges, long[] Selected, long[] Rejected) Histogram(List<ScoreRow> rows)
    {
        if (rows.Count == 0)
        {
            return ([0, 1], [0], [0]);
        }

        var sorted = rows.Select(r => r.Score).Order().ToArray();
        var lo = sorted[(int)(0.001 * (sorted.Length - 1))];
        var hi = sorted[(int)(0.999 * (sorted.Length - 1))];
        if (hi <= lo)
        {
            hi = lo + 1;
        }

        var edges = Enumerable.Range(0, Bins + 1).Select(i => lo + ((hi - lo) * i / Bins)).ToArray();
        var selected = new long[Bins];
        var rejected = new long[Bins];
        foreach (var r in rows)
        {
            var bin = (int)Math.Clamp(Math.Floor((r.Score - lo) / (hi - lo) * Bins), 0, Bins - 1);
            if (r.Selected)
            {
                selected[bin]++;
            }
            else
            {
                rejected[bin]++;
            }
        }

        return (edges, selected, rejected);
    }

    private async Task<(double?, double?)> LabelMetricsAsync(List<ScoreRow> rows, CancellationToken ct)
    {
        if (labelsPath is null)
        {
            return (null, null);
        }

        var labels = await LabelFile.ReadAsync(store, labelsPath, ct);
        var matched = rows.Where(r => labels.ContainsKey(r.Id)).ToList();
        var positives = labels.Values.Count(v => v);
        var truePositives = matched.Count(r => r.Selected && labels[r.Id]);
        var selected = matched.Count(r => r.Selected);
        return (selected == 0 ? 0 : (double)truePositives / selected, positives == 0 ? 0 : (double)truePositives / positives);
    }
}
