using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// The cluster's OpenTelemetry instruments (meter and activity source <c>Lamdas.Cluster</c>). Dimensions are kept
/// low-cardinality: <c>job</c> (job id) and <c>silo</c> (silo address); never document or shard ids on metrics
/// (shard ids go on spans only).
/// </summary>
public static class LamdasTelemetry
{
    public const string Name = "Lamdas.Cluster";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<string, double> Progress = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, double> PrefixLoss = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<long>> ModelBytes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<int>> QueueDepths = new(StringComparer.Ordinal);

    public static readonly Counter<long> TokensScored = Meter.CreateCounter<long>("lamdas.tokens.scored", "{token}", "Tokens scored (both passes count once)");

    public static readonly Counter<long> DocumentsScored = Meter.CreateCounter<long>("lamdas.documents.scored", "{document}", "Documents scored");

    public static readonly Counter<long> DocumentsSelected = Meter.CreateCounter<long>("lamdas.documents.selected", "{document}", "Documents selected while scoring (threshold mode)");

    public static readonly Counter<long> DocumentsQuarantined = Meter.CreateCounter<long>("lamdas.documents.quarantined", "{document}", "Records that could not be scored");

    public static readonly Counter<long> ShardsLeased = Meter.CreateCounter<long>("lamdas.shards.leased", "{shard}", "Shard leases granted");

    public static readonly Counter<long> ShardsCompleted = Meter.CreateCounter<long>("lamdas.shards.completed", "{shard}", "Shards completed");

    public static readonly Counter<long> ShardsFailed = Meter.CreateCounter<long>("lamdas.shards.failed", "{shard}", "Shard attempts that failed or expired");

    public static readonly Histogram<double> ShardDuration = Meter.CreateHistogram<double>("lamdas.shard.duration", "s", "Time to score and commit a shard");

    public static readonly Histogram<double> BatchLatency = Meter.CreateHistogram<double>("lamdas.batch.latency", "s", "Time to score one batch of records (both passes)");

    static LamdasTelemetry()
    {
        Meter.CreateObservableGauge("lamdas.job.progress.ratio", () =>
            Progress.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>(JobTag, p.Key))), "1", "Share of a job's shards done");
        Meter.CreateObservableGauge("lamdas.prefix.training.loss", () =>
            PrefixLoss.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>(JobTag, p.Key))), "{nat}", "Validation NLL per token with the job's trained prefix");
        Meter.CreateObservableGauge("lamdas.model.memory", () =>
            ModelBytes.Select(m => new Measurement<long>(m.Value(), new KeyValuePair<string, object?>(SiloTag, m.Key))), "By", "Bytes of model weights loaded by the silo's worker");
        Meter.CreateObservableGauge("lamdas.tokenizer.queue.depth", () =>
            QueueDepths.Select(q => new Measurement<int>(q.Value(), new KeyValuePair<string, object?>(SiloTag, q.Key))), "{batch}", "Prepared batches waiting for the model");
    }

    /// <summary>The label naming a job.</summary>
    public const string JobTag = "job";

    /// <summary>The label naming a silo.</summary>
    public const string SiloTag = "silo";

    /// <summary>Instruments recorded with a <see cref="JobTag"/> label (kept, without it, when per-job series are off).</summary>
    public static IReadOnlyList<string> JobLabelledInstruments { get; } =
    [
        "lamdas.tokens.scored", "lamdas.documents.scored", "lamdas.documents.selected", "lamdas.documents.quarantined",
        "lamdas.shards.leased", "lamdas.shards.completed", "lamdas.shards.failed", "lamdas.shard.duration", "lamdas.batch.latency",
    ];

    /// <summary>Instruments that only exist per job (dropped when per-job series are off).</summary>
    public static IReadOnlyList<string> PerJobOnlyInstruments { get; } = ["lamdas.job.progress.ratio", "lamdas.prefix.training.loss"];

    public static KeyValuePair<string, object?> Job(string jobId) => new(JobTag, jobId);

    public static KeyValuePair<string, object?> Silo(string silo) => new(SiloTag, silo);

    public static void SetProgress(string jobId, double ratio) => Progress[jobId] = ratio;

    public static void SetPrefixLoss(string jobId, double loss) => PrefixLoss[jobId] = loss;

    public static void ForgetJob(string jobId)
    {
        Progress.TryRemove(jobId, out _);
        PrefixLoss.TryRemove(jobId, out _);
    }

    public static void ObserveModelMemory(string silo, Func<long> bytes) => ModelBytes[silo] = bytes;

    public static void ObserveQueueDepth(string silo, Func<int> depth) => QueueDepths[silo] = depth;
}
