namespace Lamdas.Deploy.Tests.Checks;

/// <summary>The Prometheus series the silos export: the Lamdas.Cluster meter, and Orleans' meters (orleans_*).</summary>
public static class MetricNames
{
    public static readonly IReadOnlyList<string> Counters =
    [
        "lamdas_tokens_scored_total", "lamdas_documents_scored_total", "lamdas_documents_selected_total",
        "lamdas_documents_quarantined_total", "lamdas_shards_leased_total", "lamdas_shards_completed_total",
        "lamdas_shards_failed_total",
    ];

    public static readonly IReadOnlyList<string> Histograms = ["lamdas_shard_duration_seconds", "lamdas_batch_latency_seconds"];

    public static readonly IReadOnlyList<string> Gauges =
    [
        "lamdas_tokenizer_queue_depth", "lamdas_model_memory_bytes", "lamdas_prefix_training_loss", "lamdas_job_progress_ratio",
    ];

    private static readonly HashSet<string> Series =
    [
        .. Counters, .. Gauges, .. Histograms.SelectMany(h => new[] { h + "_bucket", h + "_sum", h + "_count" }),
    ];

    public static bool IsKnown(string name) => Series.Contains(name) || name.StartsWith("orleans_", StringComparison.Ordinal);
}
