using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Teams;

/// <summary>A team's weight (its share of the workers) and its limits on what it may have in the cluster at once.</summary>
/// <param name="Weight">The team's share of the workers against other busy teams.</param>
/// <param name="MaxActiveJobs">Most active jobs at once; null: no limit.</param>
/// <param name="MaxQueuedShards">Most shards not yet done over the active jobs; null: no limit.</param>
public sealed record TeamQuota(double Weight, int? MaxActiveJobs, long? MaxQueuedShards)
{
    /// <summary>The smallest weight a team may be given.</summary>
    public const double MinWeight = 0.01;

    /// <summary>The largest weight a team may be given.</summary>
    public const double MaxWeight = 1000;

    /// <summary>Weight 1, no limits.</summary>
    public static TeamQuota Unlimited { get; } = new(1, null, null);

    /// <summary>
    /// Why a new job of <paramref name="team"/> is refused with <paramref name="usage"/> in the cluster now, naming the
    /// limit it reached; null when it is within every limit.
    /// </summary>
    public string? Refusal(string team, TeamUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (MaxActiveJobs is { } jobs && usage.ActiveJobs >= jobs)
        {
            return $"team '{team}' has {usage.ActiveJobs} active jobs, its limit MaxActiveJobs is {jobs}; " +
                "submit again when one of them has ended (or cancel one)";
        }

        if (MaxQueuedShards is { } shards && usage.QueuedShards >= shards)
        {
            return $"team '{team}' has {usage.QueuedShards} shards queued or running, its limit MaxQueuedShards is {shards}; " +
                "submit again when its jobs have done more of them";
        }

        return null;
    }
}
