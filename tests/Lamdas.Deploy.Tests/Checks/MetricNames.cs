namespace Lamdas.Deploy.Tests.Checks;

/// <summary>
/// The Prometheus series the silos export, with their labels: the Lamdas.Cluster meter, and Orleans' meters
/// (orleans_*, labels not checked).
/// </summary>
public static class MetricNames
{
    /// <summary>
    /// Labels Prometheus puts on every scraped series that a query of the silos' series may use: <c>instance</c>. Not
    /// <c>job</c>: that is the scrape job, and grouping the silos' series by it is a mistake (the job id is
    /// <c>lamdas_job</c>); only <c>up</c> is read by its <c>job</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> TargetLabels = ["instance"];

    /// <summary>Per-silo totals (label <c>silo</c>).</summary>
    public static readonly IReadOnlyList<string> Counters =
    [
        "lamdas_tokens_scored_total", "lamdas_documents_scored_total", "lamdas_documents_selected_total",
        "lamdas_documents_quarantined_total", "lamdas_shards_leased_total", "lamdas_shards_completed_total",
        "lamdas_shards_failed_total",
    ];

    /// <summary>Per-job counters (labels <c>lamdas_job</c> and <c>silo</c>), exported with per-job series on.</summary>
    public static readonly IReadOnlyList<string> JobCounters =
    [
        "lamdas_job_tokens_scored_total", "lamdas_job_documents_scored_total", "lamdas_job_documents_selected_total",
        "lamdas_job_documents_quarantined_total", "lamdas_job_shards_leased_total", "lamdas_job_shards_completed_total",
        "lamdas_job_shards_failed_total",
    ];

    /// <summary>Histograms (label <c>silo</c>).</summary>
    public static readonly IReadOnlyList<string> Histograms = ["lamdas_shard_duration_seconds", "lamdas_batch_latency_seconds"];

    /// <summary>Gauges per silo.</summary>
    public static readonly IReadOnlyList<string> SiloGauges = ["lamdas_tokenizer_queue_depth", "lamdas_model_memory_bytes"];

    /// <summary>Gauges per job (label <c>lamdas_job</c>), exported with per-job series on.</summary>
    public static readonly IReadOnlyList<string> JobGauges =
    [
        "lamdas_prefix_training_loss", "lamdas_prefix_training_epoch", "lamdas_job_progress_ratio", "lamdas_job_queue_wait_seconds",
    ];

    public static readonly IReadOnlyList<string> Gauges = [.. SiloGauges, .. JobGauges];

    private static readonly Dictionary<string, string[]> LabelsOf =
        Counters.Concat(SiloGauges).Select(m => KeyValuePair.Create(m, new[] { "silo" }))
            .Concat(JobCounters.Select(m => KeyValuePair.Create(m, new[] { "lamdas_job", "silo" })))
            .Concat(JobGauges.Select(m => KeyValuePair.Create(m, new[] { "lamdas_job" })))
            .Concat(Histograms.Select(h => KeyValuePair.Create(h + "_bucket", new[] { "silo", "le" })))
            .Concat(Histograms.SelectMany(h => new[] { h + "_sum", h + "_count" }).Select(m => KeyValuePair.Create(m, new[] { "silo" })))
            .Append(KeyValuePair.Create("up", new[] { "job" }))
            .ToDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string name) => LabelsOf.ContainsKey(name) || name.StartsWith("orleans_", StringComparison.Ordinal);

    /// <summary>The labels of a known series (target labels included); null for Orleans' series (not checked).</summary>
    public static IReadOnlyList<string>? Labels(string name) =>
        LabelsOf.TryGetValue(name, out var labels) ? [.. labels, .. TargetLabels] : null;
}
