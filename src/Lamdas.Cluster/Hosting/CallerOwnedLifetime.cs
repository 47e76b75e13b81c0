using Microsoft.Extensions.Hosting;

namespace Lamdas.Cluster.Hosting;

/// <summary>A host lifetime that listens to no signal: the host starts and stops when its owner says so.</summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
