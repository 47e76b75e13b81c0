using Lamdas.Cluster.Messages;
using Lamdas.Formats;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Grains;

/// <summary>
/// One per job and output partition (key: "{job id}/{partition}"). Collects the score batches of the shards in its
/// partition, writes their scores/, selected/ and quarantine/ files under deterministic names, and keeps a
/// mergeable score histogram and quantile sketch of the partition for progress and reports.
/// </summary>
[Alias("lamdas.IAggregatorGrain")]
public interface IAggregatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts (or restarts) collecting a shard under a lease; earlier partial data of the shard is dropped. Its files are
    /// written within <paramref name="scope"/> (null: unconfined).
    /// </summary>
    [Alias("Begin")]
    Task BeginAsync(string leaseId, int shardIndex, ShardSpec shard, JobSpec spec, StorageScope? scope);

    [Alias("Append")]
    Task AppendAsync(string leaseId, ScoreBatch batch);

    /// <summary>Writes the shard's files (temporary name, then commit) and returns what was written.</summary>
    [Alias("Commit")]
    Task<ShardCompletion> CommitAsync(string leaseId);

    /// <summary>The partition's score distribution so far (committed shards).</summary>
    [Alias("GetDistribution")]
    Task<ScoreDistribution> GetDistributionAsync();
}
