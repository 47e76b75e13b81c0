using System.ComponentModel.DataAnnotations;

namespace Lamdas.Cluster.Hosting;

/// <summary>Coordination settings (configuration section <c>Lamdas:Cluster</c>).</summary>
public sealed class LamdasClusterOptions
{
    public const string Section = "Lamdas:Cluster";

    /// <summary>How long a lease lasts without a heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a shard (or the prepare/finalize task) is given up.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Interruptions by the cluster (a silo the worker was calling was lost) a shard may have before they count as
    /// attempts; they are retried at once without using an attempt.
    /// </summary>
    [Range(0, 1000)]
    public int MaxInterruptions { get; set; } = 10;

    /// <summary>Aggregator grains per job; shard i goes to partition i mod this.</summary>
    [Range(1, 1024)]
    public int AggregatorPartitions { get; set; } = 4;

    /// <summary>How often a coordinator writes changed state and publishes progress.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often, at most, a worker tells its coordinator how far it is within the shard it scores (documents, tokens,
    /// selections so far), so the job's views move before the shard commits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle worker looks for work (it is also woken when a job is submitted).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Device of this silo's scoring worker (cpu, cuda, cuda:N); a job's own device setting wins.</summary>
    [Required]
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// Compute dtype of this silo's scoring worker: auto (bfloat16 on CUDA, float32 on the CPU), float32, bfloat16 or
    /// float16; a job's own dtype wins unless it is auto.
    /// </summary>
    [Required]
    [AllowedValues("auto", "float32", "bfloat16", "float16", ErrorMessage = "The field DType must be one of auto, float32, bfloat16, float16.")]
    public string DType { get; set; } = "auto";

    /// <summary>
    /// CPU threads of this silo's scoring worker (libtorch intra-op threads); 0: libtorch's default, all the cores the
    /// machine has, which in a container limited to fewer CPUs oversubscribes them. The silo's count, not a job's
    /// <c>threads</c>, applies to every job the worker scores: the models are shared between jobs.
    /// </summary>
    [Range(0, 1024)]
    public int Threads { get; set; }

    /// <summary>Whether bfloat16 and float16 may run on the CPU (slow there: for checking the reduced-precision path).</summary>
    public bool AllowCpuReducedPrecision { get; set; }

    /// <summary>
    /// The score store: a folder (local path or blob URI) where the workers keep model passes between jobs, so that a
    /// job over documents an earlier job scored with the same model and settings reuses those passes. Null or empty:
    /// none. A job's <c>cache:</c> overrides it.
    /// </summary>
    public string? ScoreStore { get; set; }

    /// <summary>Whether this silo runs a scoring worker (false: coordination and API only).</summary>
    public bool Worker { get; set; } = true;
}
