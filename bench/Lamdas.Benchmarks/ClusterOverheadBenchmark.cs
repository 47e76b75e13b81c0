using System.Diagnostics;
using Lamdas.Cluster.Hosting;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Benchmarks;

/// <summary>
/// Runs one job twice over the same corpus — shard after shard in this process (the engine with its readers and
/// writers, no Orleans) and through an in-process silo (coordinator, worker and aggregator grains) — and compares
/// their wall times and their scores and selections. The prefix is trained once beforehand, so both runs only score.
/// </summary>
public static class ClusterOverheadBenchmark
{
    public static async Task<ClusterOverheadResult> RunAsync(JobSpec spec, string workDirectory, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var work = Path.GetFullPath(workDirectory);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        var store = new ObjectStore();
        if (spec.Method == SelectionMethod.Lamdas && spec.Prefix?.Path is null)
        {
            log?.Invoke("training the prefix once for both runs");
            var preparation = spec with { Output = Path.Combine(work, "prefix-run") + "/" };
            var factory = new ScorerFactory(store, preparation, log);
            using (await factory.CreateAsync([], ct))
            {
                factory.Model?.Dispose();
            }

            spec = spec with { Prefix = spec.Prefix! with { Path = Path.Combine(work, "prefix-run", "prefix"), Reference = null } };
        }

        var engineSpec = spec with { Output = Path.Combine(work, "engine") + "/" };
        log?.Invoke("run 1: single process");
        var clock = Stopwatch.StartNew();
        var engine = await new JobRunner(engineSpec, new JobRunnerOptions()).RunAsync(ct);
        var engineTime = clock.Elapsed;

        var clusterSpec = spec with { Output = Path.Combine(work, "cluster") + "/" };
        log?.Invoke("run 2: embedded cluster");
        clock.Restart();
        var cluster = await new EmbeddedJobRunner(clusterSpec, new JobRunnerOptions()).RunAsync(ct);
        var clusterTime = clock.Elapsed;
        if (!engine.Succeeded || !cluster.Succeeded)
        {
            throw new JobFailedException($"a benchmark run failed: {engine.Message} / {cluster.Message}");
        }

        var same = Same(Path.Combine(work, "engine"), Path.Combine(work, "cluster"), "scores") &&
                   Same(Path.Combine(work, "engine"), Path.Combine(work, "cluster"), "selected");
        return new ClusterOverheadResult(engineTime, clusterTime, cluster.Documents, cluster.Tokens, same);
    }

    private static bool Same(string a, string b, string folder)
    {
        var left = Files(Path.Combine(a, folder));
        var right = Files(Path.Combine(b, folder));
        return left.Keys.SequenceEqual(right.Keys) && left.All(kv => kv.Value.AsSpan().SequenceEqual(right[kv.Key]));
    }

    private static SortedDictionary<string, byte[]> Files(string folder) =>
        Directory.Exists(folder)
            ? new(Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal)
            : new(StringComparer.Ordinal);
}
