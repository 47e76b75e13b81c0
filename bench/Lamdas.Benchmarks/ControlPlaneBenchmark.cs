using System.Diagnostics;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Spec;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lamdas.Benchmarks;

/// <summary>
/// Load test of the real coordinator grain: a job planned into N shards (byte ranges of one generated JSONL file),
/// leased and completed by concurrent clients through Orleans calls on an in-process silo without a worker.
/// </summary>
public static class ControlPlaneBenchmark
{
    public static async Task<ControlPlaneResult> RunAsync(int shards, int clients, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        var root = Directory.CreateTempSubdirectory("lamdas-control-plane-").FullName;
        try
        {
            // One line per shard: the planner cuts the file into `shards` byte ranges of `lineBytes` each.
            const int lineBytes = 32;
            var input = Path.Combine(root, "input.jsonl");
            await using (var file = File.Create(input))
            {
                var line = System.Text.Encoding.ASCII.GetBytes("{\"id\":\"x\",\"text\":\"padding....\"}\n");
                for (var i = 0; i < shards; i++)
                {
                    await file.WriteAsync(line.AsMemory(0, lineBytes), ct);
                }
            }

            var spec = JobSpecParser.Parse($$"""
                name: control-plane
                input: {{input}}
                record: { id: id, text: text }
                method: random
                selection: { mode: threshold, threshold: 0.5 }
                output: {{Path.Combine(root, "out")}}/
                shard_size_mb: {{(lineBytes / (1024.0 * 1024.0)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}
                """, new SpecLimits { MinShardSizeMb = lineBytes / (1024.0 * 1024.0) });

            using var host = Host.CreateDefaultBuilder()
                .ConfigureLogging(l => l.ClearProviders())
                .UseOrleans(silo => silo.AddLamdasCluster(
                    new SiloHostingOptions { SiloPort = FreePorts.Next(), GatewayPort = FreePorts.Next(), ClusterId = "control-plane" },
                    o => o.Worker = false))
                .Build();
            await host.StartAsync(ct);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var coordinator = grains.GetGrain<IJobCoordinatorGrain>("control-plane");

            var before = Managed();
            var plan = Stopwatch.StartNew();
            var status = await coordinator.SubmitAsync(new JobSubmission
            {
                JobId = "control-plane",
                Team = "bench",
                Spec = spec,
                SubmittedUtc = DateTimeOffset.UtcNow,
            });
            plan.Stop();
            var stateBytes = Managed() - before;
            if (status.ShardsTotal != shards)
            {
                throw new InvalidOperationException($"planned {status.ShardsTotal} shards, expected {shards}");
            }

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var worker = new WorkerInfo { WorkerId = $"bench-{c}" };
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var lease = await coordinator.LeaseAsync(worker);
                    if (lease.Kind != LeaseKind.Shard)
                    {
                        return;
                    }

                    await coordinator.CompleteShardAsync(lease.LeaseId, new ShardCompletion { ShardIndex = lease.ShardIndex, Documents = 1, Worker = worker.WorkerId });
                }
            }, ct)));
            clock.Stop();
            var final = await coordinator.GetStatusAsync();
            if (final.ShardsDone != shards)
            {
                throw new InvalidOperationException($"{final.ShardsDone} of {shards} shards completed");
            }

            await host.StopAsync(CancellationToken.None);
            return new ControlPlaneResult(shards, clients, plan.Elapsed, clock.Elapsed, stateBytes);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static long Managed()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
