using System.CommandLine;
using System.Globalization;
using Lamdas.Benchmarks;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>bench cluster</c>: the cluster's overhead on a real job (single process versus embedded cluster, target ratio
/// ≤ 1.10) and a control-plane load test of the coordinator (lease + complete calls per second, target ≥ 5,000/s,
/// and memory per planned shard).
/// </summary>
internal static class ClusterBenchCommand
{
    public static Command Create()
    {
        var job = new Option<string>("--job") { Description = "job spec to run both ways", DefaultValueFactory = _ => "examples/quickstart/job.yaml" };
        var work = new Option<string>("--work") { Description = "folder for the two runs' outputs", DefaultValueFactory = _ => "out/bench-cluster" };
        var shards = new Option<int>("--shards") { Description = "planned shards for the control-plane load test", DefaultValueFactory = _ => 100_000 };
        var clients = new Option<int>("--clients") { Description = "concurrent lease/complete clients", DefaultValueFactory = _ => 16 };
        var skipJob = new Option<bool>("--control-plane-only") { Description = "only the control-plane load test" };
        var command = new Command("cluster", "Cluster overhead on a real job, and the coordinator's lease/complete rate with many shards")
        {
            job, work, shards, clients, skipJob,
        };
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, BenchCommand.Interrupted, async ct =>
        {
            var inv = CultureInfo.InvariantCulture;
            if (!result.GetValue(skipJob))
            {
                var spec = JobSpecParser.ParseFile(result.GetValue(job)!);
                var overhead = await ClusterOverheadBenchmark.RunAsync(spec, result.GetValue(work)!, m => Console.Error.WriteLine("   " + m), ct);
                Console.WriteLine(string.Format(inv, "job {0}: {1} documents, {2} tokens", spec.Name, overhead.Documents, overhead.Tokens));
                Console.WriteLine(string.Format(inv, "  single process   {0,8:F1} s", overhead.Engine.TotalSeconds));
                Console.WriteLine(string.Format(inv, "  embedded cluster {0,8:F1} s", overhead.Cluster.TotalSeconds));
                Console.WriteLine(string.Format(inv, "  ratio            {0,8:F3}  (target ≤ 1.10)", overhead.Ratio));
                Console.WriteLine($"  scores and selected files identical: {(overhead.SameScoresAndSelection ? "yes" : "NO")}");
            }

            var load = await ControlPlaneBenchmark.RunAsync(result.GetValue(shards), result.GetValue(clients), ct);
            Console.WriteLine(string.Format(inv, "control plane: {0} shards, {1} clients", load.Shards, load.Clients));
            Console.WriteLine(string.Format(inv, "  plan + persist   {0,8:F2} s", load.PlanTime.TotalSeconds));
            Console.WriteLine(string.Format(inv, "  lease+complete   {0,8:F2} s = {1:F0} pairs/s, {2:F0} calls/s  (target ≥ 5,000/s)",
                load.LeaseCompleteTime.TotalSeconds, load.PairsPerSecond, load.CallsPerSecond));
            Console.WriteLine(string.Format(inv, "  memory per shard {0,8:F0} bytes (coordinator state, lease table and stored copy)", load.BytesPerShard));
            return 0;
        }));
        return command;
    }
}
