using System.Diagnostics;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Hosting;

/// <summary>
/// Runs a job on this machine through an in-process silo with the cluster's grains — coordinator, worker,
/// aggregators — so a local run takes the same code path as a cluster job. Interrupted runs resume: the output
/// folder's completed shards are adopted by the next run of the same spec.
/// </summary>
/// <remarks>
/// Cancelling the token stops the silo at once: its worker stops the work in hand within one optimiser step or
/// batch (<see cref="Workers.WorkerRuntime.StopAsync"/>), the silo shuts down (given at most
/// <see cref="InterruptedShutdown"/>) and <see cref="RunAsync"/> throws <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class EmbeddedJobRunner(JobSpec spec, JobRunnerOptions options, Action<LamdasClusterOptions>? configure = null)
{
    /// <summary>How long an interrupted run's silo gets to shut down gracefully before it is stopped outright.</summary>
    public static readonly TimeSpan InterruptedShutdown = TimeSpan.FromSeconds(10);

    public async Task<JobOutcome> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var host = Build();
        await host.StartAsync(ct);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var jobId = $"{Sanitize(spec.Name)}-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
            var coordinator = grains.GetGrain<IJobCoordinatorGrain>(jobId);
            var status = await coordinator.SubmitAsync(new JobSubmission
            {
                JobId = jobId,
                Team = "local",
                Spec = spec,
                Labels = options.Labels,
                SubmittedUtc = DateTimeOffset.UtcNow,
                ReclaimOutput = true,
            });
            var scoring = Stopwatch.StartNew();
            while (!status.IsFinished)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                status = await coordinator.GetStatusAsync();
                if (status.Phase is JobPhase.Planning or JobPhase.Preparing)
                {
                    scoring.Restart();
                }

                // Committed counts and those of the shard in progress (the coordinator keeps them apart).
                options.Progress?.Invoke(new JobProgress(status.Phase.ToString().ToLowerInvariant(), status.ShardsDone, status.ShardsTotal,
                    status.BytesDone + status.InFlightBytes, status.BytesTotal, status.Documents + status.InFlightDocuments,
                    status.Selected + status.InFlightSelected, status.Quarantined + status.InFlightQuarantined,
                    status.Tokens + status.InFlightTokens, scoring.Elapsed)
                {
                    Prefix = status.PrefixTraining,
                    InFlightDocuments = status.InFlightDocuments,
                });
            }

            if (status.Phase == JobPhase.Failed && status.ShardsTotal == 0)
            {
                throw new JobFailedException(status.Message ?? "the job failed");
            }

            return new JobOutcome(status.Phase == JobPhase.Succeeded, spec.Output, status.Documents, status.Selected, status.Quarantined,
                status.Tokens, status.Documents + status.Quarantined == 0 ? 0 : (double)status.Quarantined / (status.Documents + status.Quarantined),
                status.Message ?? status.Phase.ToString(), clock.Elapsed, status.Cascade, status.ModelDocuments);
        }
        finally
        {
            // A finished job's silo stops gracefully however long it takes; an interrupted one is bounded.
            using var shutdown = new CancellationTokenSource(ct.IsCancellationRequested ? InterruptedShutdown : Timeout.InfiniteTimeSpan);
            await host.StopAsync(shutdown.Token);
        }
    }

    private IHost Build()
    {
        var hosting = new SiloHostingOptions { SiloPort = FreePorts.Next(), GatewayPort = FreePorts.Next(), ClusterId = "lamdas-local" };
        return Host.CreateDefaultBuilder()
            .ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                if (options.Log is { } log)
                {
                    logging.AddProvider(new CallbackLoggerProvider(log));
                }
            })
            // The caller owns Ctrl-C and SIGTERM: the in-process silo must not stop on its own when they arrive.
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, CallerOwnedLifetime>())
            .UseOrleans(silo => silo.AddLamdasCluster(hosting, o =>
            {
                o.Device = spec.Device ?? "cpu";
                configure?.Invoke(o);
            }))
            .Build();
    }

    public static string Sanitize(string name) => JobIds.Sanitize(name);
}
