using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Grains;

/// <summary>The cluster's list of jobs (a single grain, key 0), persisted.</summary>
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
}
