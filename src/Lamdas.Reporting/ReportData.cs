namespace Lamdas.Reporting;

/// <summary>Everything <see cref="HtmlReport"/> renders for one selection job. Only the three names are required.</summary>
public sealed record ReportData
{
    /// <summary>Job name, shown as the page title.</summary>
    public required string JobName { get; init; }

    /// <summary>Scoring method: lamdas | ppl | dsir | tfidf | random.</summary>
    public required string Method { get; init; }

    /// <summary>Human-readable selection rule, e.g. "score &gt; ln(1.0)" or "top 15%".</summary>
    public required string SelectionRule { get; init; }

    /// <summary>Documents read.</summary>
    public long Documents { get; init; }

    /// <summary>Documents selected.</summary>
    public long Selected { get; init; }

    /// <summary>Documents set aside (unscorable: empty, non-finite score, decoding errors…).</summary>
    public long Quarantined { get; init; }

    /// <summary>Tokens scored.</summary>
    public long Tokens { get; init; }

    /// <summary>Precision of the selected set, when labels are known.</summary>
    public double? SelectedPrecision { get; init; }

    /// <summary>Recall of the selected set, when labels are known.</summary>
    public double? SelectedRecall { get; init; }

    /// <summary>The score histogram (see <see cref="ReportHistogram"/>: its edges, counts, and what it leaves out); no bins for none.</summary>
    public ReportHistogram Histogram { get; init; } = ReportHistogram.None;

    /// <summary>The score a document must exceed to be selected (ln τ, or a top fraction's cut-off), marked on the charts; null when unknown.</summary>
    public double? Threshold { get; init; }

    /// <summary>τ of a LAMDAS threshold rule (the threshold is ln τ); null for a top fraction or another method.</summary>
    public double? Tau { get; init; }

    /// <summary>
    /// Whether the x values of <see cref="ScoreVsLength"/> are the documents' whole lengths in characters (true) or the
    /// tokens scored (false), which stop at max tokens.
    /// </summary>
    public bool LengthInCharacters { get; init; }

    /// <summary>A caption under the score-vs-length chart (where its sample comes from), or null.</summary>
    public string? LengthNote { get; init; }

    /// <summary>Sampled (length, score, selected) points (length in tokens scored or characters, see <see cref="LengthInCharacters"/>); at most <see cref="HtmlReport.MaxScatterPoints"/> are drawn.</summary>
    public IReadOnlyList<(int Tokens, double Score, bool Selected)> ScoreVsLength { get; init; } = [];

    /// <summary>Per-epoch prefix-training losses (mean token NLL); empty for baselines.</summary>
    public IReadOnlyList<(int Epoch, double TrainNll, double ValidationNll)> PrefixLoss { get; init; } = [];

    /// <summary>
    /// Whether <see cref="PrefixLoss"/>'s second curve was measured on held-out reference documents (true) or on the
    /// training documents after each epoch (false: prefix training held nothing out).
    /// </summary>
    public bool PrefixLossHeldOut { get; init; } = true;

    /// <summary>Validation NLL of the base model without a prefix (a horizontal reference line).</summary>
    public double? ValidationNllBase { get; init; }

    /// <summary>Highest-scored documents.</summary>
    public IReadOnlyList<ReportExample> Top { get; init; } = [];

    /// <summary>Lowest-scored documents.</summary>
    public IReadOnlyList<ReportExample> Bottom { get; init; } = [];

    /// <summary>The lowest-scoring selected documents, lowest first: what the threshold only just lets through.</summary>
    public IReadOnlyList<ReportExample> JustAbove { get; init; } = [];

    /// <summary>The highest-scoring rejected documents, highest first: what the threshold only just keeps out.</summary>
    public IReadOnlyList<ReportExample> JustBelow { get; init; } = [];

    /// <summary>The per-domain table, the precision/recall curve and the worst errors; null when labels are unknown.</summary>
    public ReportLabels? Labels { get; init; }

    /// <summary>A cascade job's first stage, pilot and savings; null for a job without a cascade.</summary>
    public ReportCascade? Cascade { get; init; }

    /// <summary>
    /// Scored rows a cascade's first stage held back from the LLM: they have no LLM score, so the histogram, the
    /// scatter plot and the examples leave them out.
    /// </summary>
    public long HeldBack { get; init; }

    /// <summary>Key/value facts (model, prefix fingerprint, timings, input, output…), rendered in enumeration order.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();
}
