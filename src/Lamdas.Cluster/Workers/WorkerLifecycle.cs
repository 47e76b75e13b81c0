using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Workers;

/// <summary>Starts the silo's worker grain once the silo is active, and stops the worker before the silo leaves.</summary>
public sealed class WorkerLifecycle(IGrainFactory grains, WorkerRuntime runtime) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(WorkerLifecycle), ServiceLifecycleStage.Active,
            _ =>
            {
                // Every counter of the silo is exported from the start, at 0 until something is counted.
                LamdasTelemetry.AnnounceSilo(runtime.SiloLabel);
                return grains.GetGrain<IScoringWorkerGrain>(runtime.WorkerId).StartAsync();
            },
            _ => runtime.StopAsync());
    }
}
