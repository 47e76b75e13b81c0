namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// The product's counters. Each is exported twice: as a per-silo total (<c>lamdas_&lt;name&gt;_total{silo}</c>, kept
/// for the life of the process) and, with per-job series on, per job and silo
/// (<c>lamdas_job_&lt;name&gt;_total{lamdas_job, silo}</c>, dropped a while after the job ends).
/// </summary>
public enum JobCounter
{
    /// <summary>Tokens scored (both passes count once).</summary>
    TokensScored,

    /// <summary>Documents scored.</summary>
    DocumentsScored,

    /// <summary>Documents selected: while scoring in threshold mode, at finalization in top-fraction mode.</summary>
    DocumentsSelected,

    /// <summary>Records that could not be scored.</summary>
    DocumentsQuarantined,

    /// <summary>Shard leases granted.</summary>
    ShardsLeased,

    /// <summary>Shards completed.</summary>
    ShardsCompleted,

    /// <summary>Shard attempts that failed or expired.</summary>
    ShardsFailed,
}
