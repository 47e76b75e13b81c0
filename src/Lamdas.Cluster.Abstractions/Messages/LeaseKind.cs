namespace Lamdas.Cluster.Messages;

/// <summary>What a lease request got.</summary>
[GenerateSerializer]
public enum LeaseKind
{
    /// <summary>Nothing to do now; ask again later (another worker is preparing, or all shards are leased).</summary>
    Wait = 0,

    /// <summary>Score the shard in the lease.</summary>
    Shard = 1,

    /// <summary>Train (or load) the job's prefix, then report it.</summary>
    Prepare = 2,

    /// <summary>The job needs no more work from workers (finished or cancelled).</summary>
    Finished = 3,

    /// <summary>Every shard is scored: run top-fraction selection and write the manifest, report and _SUCCESS.</summary>
    Finalize = 4,
}
