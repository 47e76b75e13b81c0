using Lamdas.Cluster;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Jobs;

/// <summary>A team's view of the cluster's jobs: the registry's entries it owns, and their coordinators.</summary>
public sealed class JobDirectory(IGrainFactory grains)
{
    /// <summary>The team's jobs, newest first.</summary>
    public async Task<IReadOnlyList<JobEntry>> ListAsync(string team)
    {
        var entries = await grains.GetGrain<IJobRegistryGrain>(0).ListAsync();
        return entries
            .Where(e => string.Equals(e.Team, team, StringComparison.Ordinal))
            .OrderByDescending(e => e.SubmittedUtc)
            .ThenByDescending(e => e.JobId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The team's job with this id, or null (also for another team's job and for ids that cannot exist).</summary>
    public async Task<JobEntry?> FindAsync(string team, string jobId)
    {
        if (!JobIds.IsWellFormed(jobId))
        {
            return null;
        }

        var entries = await grains.GetGrain<IJobRegistryGrain>(0).ListAsync();
        return entries.FirstOrDefault(e =>
            string.Equals(e.JobId, jobId, StringComparison.Ordinal) && string.Equals(e.Team, team, StringComparison.Ordinal));
    }

    /// <summary>Whether the cluster knows job <paramref name="jobId"/> (of any team) and it has ended.</summary>
    public async Task<bool> IsFinishedAsync(string jobId)
    {
        var entries = await grains.GetGrain<IJobRegistryGrain>(0).ListAsync();
        return entries.Any(e => string.Equals(e.JobId, jobId, StringComparison.Ordinal) && !e.Active);
    }

    /// <summary>The team's active jobs and their shards not yet done, as the registry counts them now.</summary>
    public Task<TeamUsage> UsageAsync(string team) => grains.GetGrain<IJobRegistryGrain>(0).TeamUsageAsync(team);

    /// <summary>The job's coordinator grain.</summary>
    public IJobCoordinatorGrain Coordinator(string jobId) => grains.GetGrain<IJobCoordinatorGrain>(jobId);
}
