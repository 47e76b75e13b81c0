using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Reporting;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Builds report.html from the committed score files and the shard results; with labels, also the per-domain table,
/// the precision/recall curve and the worst errors. The texts of the documents it shows beyond the shards' top and
/// bottom examples are read back from the input (<see cref="DocumentTexts"/>).
/// </summary>
internal sealed partial class JobReport(IObjectStore store, JobSpec spec, JobSummary summary, string? labelsPath, Action<string>? log = null)
{
    private const int Bins = 40;
    private const int MaxPoints = 4000;

    /// <summary>Documents shown either side of the threshold, and worst false positives and negatives.</summary>
    private const int Examples = 5;

    public async Task<string> RenderAsync(CancellationToken ct)
    {
        var rows = new List<ScoreRow>();
        var all = new List<ScoreRow>();
        var shardOf = new Dictionary<ScoreRow, int>(ReferenceEqualityComparer.Instance);
        long heldBack = 0;
        foreach (var shard in summary.Shards)
        {
            var file = shard.Files.FirstOrDefault(f => f.Path.StartsWith("scores/", StringComparison.Ordinal));
            if (file is null)
            {
                continue;
            }

            // A cascade's held-back rows have no LLM score (NaN): counted, but kept out of the charts and the examples.
            var read = await ScoreFiles.ReadAsync(store, StorageUri.Combine(spec.Output, file.Path), ct);
            heldBack += read.Count(r => !r.ReachedModel);
            all.AddRange(read);
            foreach (var row in read.Where(r => !double.IsNaN(r.Score)))
            {
                rows.Add(row);
                shardOf[row] = shard.Index;
            }
        }

        var threshold = Threshold();
        var histogram = ReportHistogram.Build(rows.Select(r => (r.Score, r.Selected)), Bins, ReportHistogram.DefaultTail, threshold);
        var labels = labelsPath is null ? null : await LabelFile.ReadEntriesAsync(store, labelsPath, ct);
        var domains = labels is null ? null : LabelBreakdown.ByDomain(all, labels);
        var (precision, recall) = domains is null ? ((double?)null, (double?)null) : LabelBreakdown.PrecisionRecall(domains);

        // The documents to show beside the top and bottom ones, and a length sample when the tokens scored stop at max tokens.
        var justAbove = rows.Where(r => r.Selected).OrderBy(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Examples).ToList();
        var justBelow = rows.Where(r => !r.Selected).OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Examples).ToList();
        var falsePositives = labels is null ? new List<ScoreRow>() : rows.Where(r => r.Selected && labels.TryGetValue(r.Id, out var l) && !l.InDomain)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Examples).ToList();
        var falseNegatives = labels is null ? new List<ScoreRow>() : rows.Where(r => !r.Selected && labels.TryGetValue(r.Id, out var l) && l.InDomain)
            .OrderBy(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Examples).ToList();
        var lengthSample = UsesCharacters(rows) ? LengthSample(rows, shardOf) : null;
        var texts = await ReadTextsAsync([.. justAbove, .. justBelow, .. falsePositives, .. falseNegatives, .. lengthSample ?? new List<ScoreRow>()], ct);

        // The whole lengths of the sample's documents that were read back; otherwise the tokens scored of an even sample.
        var lengths = (lengthSample ?? new List<ScoreRow>()).Where(r => texts.ContainsKey((r.Source, r.Position)))
            .Select(r => (Length: (int)Math.Min(int.MaxValue, (long)texts[(r.Source, r.Position)].Length), r.Score, r.Selected)).ToList();
        var inCharacters = lengths.Count > 0;
        var points = inCharacters
            ? lengths
            : rows.Where((_, i) => i % Math.Max(1, rows.Count / MaxPoints) == 0).Select(r => (Length: r.Tokens, r.Score, r.Selected)).ToList();

        var examples = new ExampleKeeper(10);
        foreach (var s in summary.Shards)
        {
            examples.Merge(s.Top, s.Bottom);
        }

        var snippets = summary.Shards.SelectMany(s => s.Top.Concat(s.Bottom)).GroupBy(e => e.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Snippet, StringComparer.Ordinal);
        ReportExample Shown(ScoreRow row) => new(row.Id, row.Score, row.Tokens,
            texts.TryGetValue((row.Source, row.Position), out var text) ? Snippet.Cut(text, Snippet.StoredChars) : snippets.GetValueOrDefault(row.Id) ?? "(text not read back from the input)",
            labels is not null && labels.TryGetValue(row.Id, out var label) ? label.Domain : null);

        var metadata = summary.Provenance.PrefixMetadata;
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
            Histogram = histogram,
            Threshold = threshold,
            Tau = spec.Selection.Mode == SelectionMode.Threshold && spec.Method == SelectionMethod.Lamdas ? spec.Selection.Tau : null,
            ScoreVsLength = points,
            LengthInCharacters = inCharacters,
            LengthNote = LengthNote(rows, points.Count, inCharacters, lengthSample),
            PrefixLoss = metadata?.Epochs.Select(e => (e.Epoch, e.TrainNll, e.ValidationNll)).ToList() ?? [],
            PrefixLossHeldOut = metadata?.ValidationHeldOut ?? metadata?.HyperParameters is not { ValidationFraction: 0 },
            ValidationNllBase = metadata?.ValidationNllBase,
            Top = examples.Top.Select(e => new ReportExample(e.Id, e.Score, e.Tokens, e.Snippet, LabelOf(labels, e.Id))).ToList(),
            Bottom = examples.Bottom.Select(e => new ReportExample(e.Id, e.Score, e.Tokens, e.Snippet, LabelOf(labels, e.Id))).ToList(),
            JustAbove = justAbove.Select(Shown).ToList(),
            JustBelow = justBelow.Select(Shown).ToList(),
            Labels = domains is null ? null : new ReportLabels
            {
                Domains = domains,
                Curve = ThresholdCurve.Build(rows.Where(r => labels!.ContainsKey(r.Id)).Select(r => (r.Score, labels![r.Id].InDomain))),
                FalsePositives = falsePositives.Select(Shown).ToList(),
                FalseNegatives = falseNegatives.Select(Shown).ToList(),
            },
            Facts = Facts(),
            HeldBack = heldBack,
            Cascade = Cascade(),
        };
        return HtmlReport.Render(data);
    }

    /// <summary>The score a document had to exceed: ln τ (or the threshold) in threshold mode, the cut-off of a top fraction.</summary>
    private double? Threshold()
    {
        var cut = spec.Selection.Mode == SelectionMode.Threshold ? spec.Selection.CutOff(spec.Method) : summary.TopFractionCutOff ?? double.NaN;
        return double.IsFinite(cut) ? cut : null;
    }

    private static string? LabelOf(Dictionary<string, LabelEntry>? labels, string id) =>
        labels is not null && labels.TryGetValue(id, out var label) ? label.Domain : null;

    private Dictionary<string, string> Facts()
    {
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

        return facts;
    }

    private ReportCascade? Cascade() => summary.Provenance.Cascade is { } pilot ? new ReportCascade
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
    } : null;
}
