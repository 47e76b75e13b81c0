using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Registry;

/// <summary>
/// The cluster's list of jobs (see <see cref="IJobRegistryGrain"/>). The list is persisted; the leases each active job
/// holds are not: its coordinator reports them when they change and again every few seconds, so they are back soon
/// after the registry moves to another silo.
/// </summary>
public sealed class JobRegistryGrain(
    [PersistentState("registry", ClusterNames.Storage)] IPersistentState<RegistryState> state) : Grain, IJobRegistryGrain
{
    private readonly Dictionary<string, JobLoad> _loads = new(StringComparer.Ordinal);

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
        _loads.Remove(jobId);
        var jobs = state.State.Jobs;
        var index = jobs.FindIndex(j => j.JobId == jobId);
        if (index >= 0 && jobs[index].Active)
        {
            jobs[index] = jobs[index] with { Active = false };
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ScheduleAsync() => Task.FromResult(FairShareScheduler.Order(Active()));

    public Task ReportLoadAsync(JobLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (state.State.Jobs.Exists(j => j.Active && string.Equals(j.JobId, load.JobId, StringComparison.Ordinal)))
        {
            _loads[load.JobId] = load;
        }

        return Task.CompletedTask;
    }

    public Task<int?> QueuePositionAsync(string jobId) => Task.FromResult(FairShareScheduler.QueuePosition(Active(), jobId));

    public Task<TeamUsage> TeamUsageAsync(string team)
    {
        var jobs = state.State.Jobs.Where(j => j.Active && string.Equals(j.Team, team, StringComparison.Ordinal)).ToList();
        return Task.FromResult(new TeamUsage
        {
            Team = team,
            ActiveJobs = jobs.Count,
            QueuedShards = jobs.Sum(j => (long)(_loads.GetValueOrDefault(j.JobId)?.Queued ?? 0)),
        });
    }

    private List<FairShareJob> Active() => state.State.Jobs
        .Where(j => j.Active)
        .Select(j => _loads.GetValueOrDefault(j.JobId) is { } load
            ? new FairShareJob(j.JobId, j.Team, j.Weight, j.Priority, j.SubmittedUtc, load.Held, load.FirstLeaseUtc is not null)
            : new FairShareJob(j.JobId, j.Team, j.Weight, j.Priority, j.SubmittedUtc, 0, false))
        .ToList();
}
