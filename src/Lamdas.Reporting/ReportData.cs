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

    /// <summary>Score histogram bin edges (bins + 1, strictly increasing), or empty for no histogram.</summary>
    public IReadOnlyList<double> HistogramEdges { get; init; } = [];

    /// <summary>Selected documents per bin.</summary>
    public IReadOnlyList<long> HistogramSelected { get; init; } = [];

    /// <summary>Rejected documents per bin.</summary>
    public IReadOnlyList<long> HistogramRejected { get; init; } = [];

    /// <summary>Sampled (tokens, score, selected) points; at most <see cref="HtmlReport.MaxScatterPoints"/> are drawn.</summary>
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
