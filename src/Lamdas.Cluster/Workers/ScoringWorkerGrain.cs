using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Cluster.Placement;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// The silo's scoring worker grain (see <see cref="IScoringWorkerGrain"/>): pinned to the silo its key names, it
/// fronts that silo's <see cref="WorkerRuntime"/>, which owns the device.
/// </summary>
[SiloPinnedPlacement]
public sealed class ScoringWorkerGrain(WorkerRuntime runtime) : Grain, IScoringWorkerGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString() != runtime.WorkerId)
        {
            throw new InvalidOperationException($"worker grain {this.GetPrimaryKeyString()} was activated on silo {runtime.WorkerId}");
        }

        return Task.CompletedTask;
    }

    public Task StartAsync()
    {
        runtime.Start();
        return Task.CompletedTask;
    }

    public Task WakeAsync()
    {
        runtime.Start();
        runtime.Wake();
        return Task.CompletedTask;
    }

    public Task AbortJobAsync(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        runtime.Abort(jobId);
        return Task.CompletedTask;
    }

    public Task<WorkerStatus> GetStatusAsync() => Task.FromResult(runtime.Status());
}
