using System.Diagnostics;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Runs a selection job in this process, shard after shard: plan → model and prefix → score every shard (skipping
/// shards a previous run completed) → finalize. The cluster runs the same steps, with shards leased to workers.
/// </summary>
/// <remarks>
/// Both runners share the pipeline — <see cref="JobPlanner"/>, <see cref="ScorerFactory"/>, <see cref="ShardScorer"/>,
/// <see cref="ShardWriter"/> and <see cref="JobFinalizer"/> — and differ only in who drives it. This one needs no silo:
/// the library's tests, <c>lamdas bench quality</c> and the cluster-overhead benchmark's baseline run on it, and the
/// Jobs library cannot reach the cluster. <c>lamdas run</c> drives the pipeline through an in-process silo
/// (<c>EmbeddedJobRunner</c>) so that a local run takes the cluster's code path.
/// </remarks>
public sealed class JobRunner(JobSpec spec, JobRunnerOptions options)
{
    private readonly IObjectStore _store = new ObjectStore();

    public async Task<JobOutcome> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var log = options.Log;
        var shards = (await JobPlanner.PlanAsync(_store, spec, log, ct)).Shards;

        var factory = new ScorerFactory(_store, spec, log);
        using var scorer = await factory.CreateAsync(shards, ct);
        using var model = factory.Model;
        var shardScorer = new ShardScorer(_store, spec, scorer);
        var writer = new ShardWriter(new JobOutput(_store, spec));

        var results = new ShardResult?[shards.Count];
        var bytesTotal = shards.Sum(s => s.End - s.Start);
        long bytesDone = 0, docs = 0, selected = 0, bad = 0, tokens = 0;
        var scoringClock = Stopwatch.StartNew();
        void Report(string phase) => options.Progress?.Invoke(new JobProgress(phase, results.Count(r => r is not null), shards.Count,
            bytesDone, bytesTotal, docs, selected, bad, tokens, scoringClock.Elapsed));

        for (var i = 0; i < shards.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var done = await JobPlanner.CompletedAsync(_store, spec, i, ct);
            if (done is null)
            {
                var shardClock = Stopwatch.StartNew();
                var scored = new ShardAccumulator();
                await foreach (var chunk in shardScorer.ScoreAsync(shards[i], ct))
                {
                    scored.Add(chunk);
                    docs += chunk.Rows.Count;
                    selected += chunk.Selected;
                    tokens += chunk.Tokens;
                    Report("scoring");
                }

                done = await writer.CommitAsync(i, shards[i], scored, shardClock, ct);
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
        var summary = await JobFinalizer.FinalizeAsync(_store, spec, shards, results.Select(r => r!).ToList(), factory.Provenance,
            options.Labels, log, ct);
        return new JobOutcome(summary.Succeeded, spec.Output, summary.Documents, summary.Selected, summary.Quarantined, summary.Tokens,
            summary.BadFraction, JobFinalizer.Describe(summary), clock.Elapsed, summary.Provenance.Cascade,
            summary.Provenance.Cascade is null ? null : summary.ModelDocuments);
    }
}
