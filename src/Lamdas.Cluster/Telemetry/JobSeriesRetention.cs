using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// Applies the validated <see cref="LamdasTelemetryOptions.FinishedJobRetention"/> to the process's per-job series when
/// the host starts (an invalid value stops the start with the option named).
/// </summary>
public sealed class JobSeriesRetention(IOptions<LamdasTelemetryOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LamdasTelemetry.Jobs.Retention = options.Value.FinishedJobRetention;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
