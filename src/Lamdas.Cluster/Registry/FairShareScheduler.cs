namespace Lamdas.Cluster.Registry;

/// <summary>
/// Orders the active jobs for a free worker so that busy teams share the workers in proportion to their weights: the
/// team whose leases held, divided by its weight, are the fewest goes first (ties: the team whose best job has the
/// highest priority, then was submitted first, then the team's name); within a team, the highest priority first,
/// then the earliest submitted. A worker asks the jobs in this order and takes the first lease it is given, so a team
/// whose jobs have nothing to lease (still planning, or every shard out) passes its turn to the next.
/// </summary>
public static class FairShareScheduler
{
    /// <summary>The job ids in the order a free worker should ask them for a lease.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<FairShareJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var teams = jobs
            .GroupBy(j => j.Team, StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderByDescending(j => j.Priority).ThenBy(j => j.SubmittedUtc).ThenBy(j => j.JobId, StringComparer.Ordinal).ToList();
                var weight = g.MaxBy(j => j.SubmittedUtc).Weight;
                var share = g.Sum(j => j.Held) / (weight > 0 ? weight : 1);
                return (Team: g.Key, Share: share, Best: ordered[0], Jobs: ordered);
            })
            .OrderBy(t => t.Share)
            .ThenByDescending(t => t.Best.Priority)
            .ThenBy(t => t.Best.SubmittedUtc)
            .ThenBy(t => t.Team, StringComparer.Ordinal);
        return teams.SelectMany(t => t.Jobs.Select(j => j.JobId)).ToList();
    }

    /// <summary>
    /// The place (1: next) of <paramref name="jobId"/> among the jobs that have not had a lease yet, in
    /// <see cref="Order"/>'s order; null when it is not one of them.
    /// </summary>
    public static int? QueuePosition(IReadOnlyCollection<FairShareJob> jobs, string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var waiting = jobs.Where(j => !j.Started).Select(j => j.JobId).ToHashSet(StringComparer.Ordinal);
        if (!waiting.Contains(jobId))
        {
            return null;
        }

        var position = 0;
        foreach (var id in Order(jobs))
        {
            if (waiting.Contains(id))
            {
                position++;
                if (string.Equals(id, jobId, StringComparison.Ordinal))
                {
                    return position;
                }
            }
        }

        return null;
    }
}
