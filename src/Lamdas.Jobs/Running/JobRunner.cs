using System.Diagnostics;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Runs a selection job in this process, shard after shard: plan → model and prefix → score every shard (skipping
/// shards a previous run completed) → finalize. The cluster runs the same steps, with shards leased to workers.
/// </summary>
public sealed class JobRunner(JobSpec spec, JobRunnerOptions options)
{
    private readonly IObjectStore store = new ObjectStore();

    public async Task<JobOutcome> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var log = options.Log;
        var shards = (await JobPlanner.PlanAsync(store, spec, log, ct)).Shards;

        var factory = new ScorerFactory(store, spec, log);
        using var scorer = await factory.CreateAsync(shards, ct);
        using var model = factory.Model;
        var context = new JobContext(store, spec, scorer);
        var processor = new ShardProcessor(context);

        var results = new ShardResult?[shards.Count];
        var bytesTotal = shards.Sum(s => s.End - s.Start);
        long bytesDone = 0, docs = 0, selected = 0, bad = 0, tokens = 0;
        var scoringClock = Stopwatch.StartNew();
        void Report(string phase) => options.Progress?.Invoke(new JobProgress(phase, results.Count(r => r is not null), shards.Count,
            bytesDone, bytesTotal, docs, selected, bad, tokens, scoringClock.Elapsed));

        for (var i = 0; i < shards.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var done = await JobPlanner.CompletedAsync(store, spec, i, ct);
            if (done is null)
            {
                done = await processor.ProcessAsync(i, shards[i], (d, s, t) =>
                {
                    docs += d;
                    selected += s;
                    tokens += t;
                    Report("scoring");
                }, ct);
                await StoreJson.WriteAsync(store, context.OutputUri(JobPaths.ShardMarker(i)), done, ct);
                docs -= done.Documents;
                selected -= done.Selected;
                tokens -= done.Tokens;
            }

            results[i] = done;
            docs += done.Documents;
            selected += done.Selected;
            tokens += done.Tokens;
            bad += done.Quarantined;
            bytesDone += shards[i].End - shards[i].Start;
            Report("scoring");
        }

        Report("selecting");
        var summary = await JobFinalizer.FinalizeAsync(store, spec, shards, results.Select(r => r!).ToList(), factory.Provenance,
            options.Labels, log, ct);
        return new JobOutcome(summary.Succeeded, spec.Output, summary.Documents, summary.Selected, summary.Quarantined, summary.Tokens,
            summary.BadFraction, JobFinalizer.Describe(summary), clock.Elapsed);
    }
}
