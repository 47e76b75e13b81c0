using System.ComponentModel.DataAnnotations;

namespace Lamdas.Cluster.Telemetry;

/// <summary>Metrics and traces settings (configuration section <c>Lamdas:Telemetry</c>).</summary>
public sealed class LamdasTelemetryOptions
{
    public const string Section = "Lamdas:Telemetry";

    public static readonly TimeSpan DefaultFinishedJobRetention = TimeSpan.FromMinutes(15);

    /// <summary>
    /// True puts per-job series (the <c>lamdas_job</c> label: <c>lamdas_job_*_total</c>, job progress, prefix loss and
    /// epoch) on the exported metrics; false (default) exports the cluster's totals per silo only.
    /// </summary>
    public bool PerJobMetrics { get; set; }

    /// <summary>How long a finished job's series stay exported before they are dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FinishedJobRetention { get; set; } = DefaultFinishedJobRetention;

    /// <summary>OTLP endpoint for metrics and traces (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is used when this is unset).</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }
}
