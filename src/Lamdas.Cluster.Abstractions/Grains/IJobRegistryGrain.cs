using Lamdas.Cluster.Messages;
using Orleans.Concurrency;

namespace Lamdas.Cluster.Grains;

/// <summary>
/// The cluster's list of jobs (a single grain, key 0), persisted; and the scheduler that orders the active jobs for the
/// workers so that teams share them in proportion to their weights.
/// </summary>
[Alias("lamdas.IJobRegistryGrain")]
public interface IJobRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task AddAsync(JobEntry entry);

    [Alias("List")]
    Task<IReadOnlyList<JobEntry>> ListAsync();

    /// <summary>Ids of the jobs that still need workers.</summary>
    [Alias("Active")]
    Task<IReadOnlyList<string>> ActiveAsync();

    [Alias("MarkFinished")]
    Task MarkFinishedAsync(string jobId);

    /// <summary>
    /// The active jobs in the order a free worker should ask them for a lease: the team holding the fewest leases for
    /// its weight first; within a team, the highest priority, then the earliest submitted.
    /// </summary>
    [Alias("Schedule")]
    Task<IReadOnlyList<string>> ScheduleAsync();

    /// <summary>A coordinator's word on the leases its job holds (sent when they change, and now and then).</summary>
    [Alias("ReportLoad")]
    [OneWay]
    Task ReportLoadAsync(JobLoad load);

    /// <summary>
    /// Among the active jobs still waiting for their first lease, the place of <paramref name="jobId"/> in
    /// <see cref="ScheduleAsync"/>'s order (1: next); null when the job is not waiting.
    /// </summary>
    [Alias("QueuePosition")]
    Task<int?> QueuePositionAsync(string jobId);

    /// <summary>The active jobs of <paramref name="team"/> and their shards not yet done.</summary>
    [Alias("TeamUsage")]
    Task<TeamUsage> TeamUsageAsync(string team);
}
