using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Registry;

/// <summary>The cluster's list of jobs (see <see cref="IJobRegistryGrain"/>).</summary>
public sealed class JobRegistryGrain(
    [PersistentState("registry", ClusterNames.Storage)] IPersistentState<RegistryState> state) : Grain, IJobRegistryGrain
{
    public async Task AddAsync(JobEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var jobs = state.State.Jobs;
        var index = jobs.FindIndex(j => j.JobId == entry.JobId);
        if (index >= 0)
        {
            return;
        }

        jobs.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<JobEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<JobEntry>>(state.State.Jobs.OrderByDescending(j => j.SubmittedUtc).ToList());

    public Task<IReadOnlyList<string>> ActiveAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Jobs.Where(j => j.Active).OrderBy(j => j.SubmittedUtc).Select(j => j.JobId).ToList());

    public async Task MarkFinishedAsync(string jobId)
    {
        var jobs = state.State.Jobs;
        var index = jobs.FindIndex(j => j.JobId == jobId);
        if (index >= 0 && jobs[index].Active)
        {
            jobs[index] = jobs[index] with { Active = false };
            await state.WriteStateAsync();
        }
    }
}
