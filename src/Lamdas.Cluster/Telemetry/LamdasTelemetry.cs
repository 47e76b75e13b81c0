using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// The cluster's OpenTelemetry instruments (meter and activity source <c>Lamdas.Cluster</c>). Dimensions are kept
/// low-cardinality: <c>silo</c> (the silo's host name and port, stable across restarts) on the cluster totals and histograms;
/// <c>lamdas_job</c> (job id) only on the per-job series, which are observable instruments backed by
/// <see cref="Jobs"/> so that a finished job's series can be dropped (<see cref="JobSeries"/>). Never document or shard
/// ids on metrics (shard ids go on spans only).
/// </summary>
public static class LamdasTelemetry
{
    public const string Name = "Lamdas.Cluster";

    /// <summary>The label naming a job (<c>job</c> is Prometheus' own target label).</summary>
    public const string JobTag = "lamdas_job";

    /// <summary>The label naming a silo: its host:port.</summary>
    public const string SiloTag = "silo";

    public const string ShardDurationName = "lamdas.shard.duration";

    public const string BatchLatencyName = "lamdas.batch.latency";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<string, Func<long>> ModelBytes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<int>> QueueDepths = new(StringComparer.Ordinal);

    private static readonly (JobCounter Counter, string Name, string Unit, string Description)[] Definitions =
    [
        (JobCounter.TokensScored, "tokens.scored", "{token}", "Tokens scored (both passes count once)"),
        (JobCounter.DocumentsScored, "documents.scored", "{document}", "Documents scored"),
        (JobCounter.DocumentsSelected, "documents.selected", "{document}", "Documents selected (threshold mode: while scoring; top-fraction mode: at finalization)"),
        (JobCounter.DocumentsQuarantined, "documents.quarantined", "{document}", "Records that could not be scored"),
        (JobCounter.ShardsLeased, "shards.leased", "{shard}", "Shard leases granted"),
        (JobCounter.ShardsCompleted, "shards.completed", "{shard}", "Shards completed"),
        (JobCounter.ShardsFailed, "shards.failed", "{shard}", "Shard attempts that failed or expired"),
    ];

    /// <summary>The per-silo totals, indexed by <see cref="JobCounter"/> (<see cref="Definitions"/> is in its order).</summary>
    private static readonly Counter<long>[] Totals =
        Definitions.Select(d => Meter.CreateCounter<long>("lamdas." + d.Name, d.Unit, d.Description + ", per silo")).ToArray();

    /// <summary>Shard durations, in seconds (bucket bounds: <see cref="ShardDurationBounds"/>).</summary>
    public static readonly Histogram<double> ShardDuration = Meter.CreateHistogram<double>(ShardDurationName, "s", "Time to score and commit a shard");

    /// <summary>Batch latencies, in seconds (bucket bounds: <see cref="BatchLatencyBounds"/>).</summary>
    public static readonly Histogram<double> BatchLatency = Meter.CreateHistogram<double>(BatchLatencyName, "s", "Time to score one batch of records (both passes)");

    static LamdasTelemetry()
    {
        foreach (var (counter, name, unit, description) in Definitions)
        {
            Meter.CreateObservableCounter("lamdas.job." + name, () => Jobs.Observe(counter), unit, description + ", per job and silo");
        }

        Meter.CreateObservableGauge("lamdas.job.progress.ratio", Jobs.ObserveProgress, "1", "Share of a job's shards done");
        Meter.CreateObservableGauge("lamdas.prefix.training.loss", Jobs.ObservePrefixLoss, "{nat}", "Validation NLL per token with the job's trained prefix");
        Meter.CreateObservableGauge("lamdas.prefix.training.epoch", Jobs.ObservePrefixEpoch, "{epoch}", "Last completed epoch of the job's prefix training");
        Meter.CreateObservableGauge("lamdas.job.queue.wait", Jobs.ObserveQueueWait, "s", "Time the job has waited for its first worker since submission (0 once it has had one)");
        Meter.CreateObservableGauge("lamdas.model.memory", () =>
            ModelBytes.Select(m => new Measurement<long>(m.Value(), Silo(m.Key))).ToList(), "By", "Bytes of model weights loaded by the silo's worker");
        Meter.CreateObservableGauge("lamdas.tokenizer.queue.depth", () =>
            QueueDepths.Select(q => new Measurement<int>(q.Value(), Silo(q.Key))).ToList(), "{batch}", "Prepared batches waiting for the model");
    }

    /// <summary>Per-job counts and gauges, with the expiry of finished jobs' series.</summary>
    public static JobSeries Jobs { get; } = new(TimeProvider.System);

    /// <summary>Bucket bounds of <c>lamdas_shard_duration_seconds</c>: shards take seconds to tens of minutes.</summary>
    public static IReadOnlyList<double> ShardDurationBounds { get; } = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

    /// <summary>Bucket bounds of <c>lamdas_batch_latency_seconds</c>: a batch takes milliseconds to a minute.</summary>
    public static IReadOnlyList<double> BatchLatencyBounds { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Instruments that only exist per job (dropped when per-job series are off).</summary>
    public static IReadOnlyList<string> PerJobInstruments { get; } =
    [
        .. Definitions.Select(d => "lamdas.job." + d.Name), "lamdas.job.progress.ratio", "lamdas.prefix.training.loss", "lamdas.prefix.training.epoch",
        "lamdas.job.queue.wait",
    ];

    /// <summary>Instruments labelled by silo only: the cluster totals, histograms and the workers' gauges.</summary>
    public static IReadOnlyList<string> PerSiloInstruments { get; } =
    [
        .. Definitions.Select(d => "lamdas." + d.Name), ShardDurationName, BatchLatencyName, "lamdas.model.memory", "lamdas.tokenizer.queue.depth",
    ];

    public static KeyValuePair<string, object?> Job(string jobId) => new(JobTag, jobId);

    public static KeyValuePair<string, object?> Silo(string silo) => new(SiloTag, silo);

    /// <summary>The <see cref="SiloTag"/> value of a silo: host:port, the same after a restart (unlike its generation).</summary>
    public static string SiloLabel(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return SiloLabel(Dns.GetHostName(), silo.Endpoint.Port);
    }

    /// <summary>
    /// host:port. The host is the machine's name, not the silo's IP address: a Kubernetes pod keeps its name (the
    /// StatefulSet's ordinal) across restarts, not its address.
    /// </summary>
    public static string SiloLabel(string host, int port) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{host}:{port}");

    /// <summary>Counts for the job on the silo: the silo's total and the job's series.</summary>
    public static void Count(JobCounter counter, string jobId, string silo, long value)
    {
        Totals[(int)counter].Add(value, Silo(silo));
        Jobs.Add(counter, jobId, silo, value);
    }

    /// <summary>Puts every counter of the silo on the exported metrics at 0 (dashboards show 0, not no data).</summary>
    public static void AnnounceSilo(string silo)
    {
        foreach (var total in Totals)
        {
            total.Add(0, Silo(silo));
        }
    }

    public static void SetProgress(string jobId, double ratio) => Jobs.SetProgress(jobId, ratio);

    public static void SetPrefixLoss(string jobId, double loss) => Jobs.SetPrefixLoss(jobId, loss);

    /// <summary>The last completed epoch of the job's prefix training.</summary>
    public static void SetPrefixEpoch(string jobId, int epoch) => Jobs.SetPrefixEpoch(jobId, epoch);

    /// <summary>Seconds the job has waited for its first worker; 0 once it has had one.</summary>
    public static void SetQueueWait(string jobId, double seconds) => Jobs.SetQueueWait(jobId, seconds);

    /// <summary>The job has ended (or left this worker): its series are dropped after the retention.</summary>
    public static void FinishJob(string jobId) => Jobs.Finish(jobId);

    public static void ObserveModelMemory(string silo, Func<long> bytes) => ModelBytes[silo] = bytes;

    public static void ObserveQueueDepth(string silo, Func<int> depth) => QueueDepths[silo] = depth;
}
