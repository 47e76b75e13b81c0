namespace Lamdas.Cluster.Messages;

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer]
public enum JobPhase
{
    /// <summary>Accepted; the coordinator is planning shards.</summary>
    Planning = 0,

    /// <summary>One worker trains (or loads) the prefix; the others wait.</summary>
    Preparing = 1,

    /// <summary>Shards are leased to workers.</summary>
    Scoring = 2,

    /// <summary>Every shard is scored; top-fraction selection, manifest, report.</summary>
    Finalizing = 3,

    Succeeded = 4,

    /// <summary>Finished, but more records were quarantined than max_bad_fraction allows, or the job could not run.</summary>
    Failed = 5,

    Cancelled = 6,
}
