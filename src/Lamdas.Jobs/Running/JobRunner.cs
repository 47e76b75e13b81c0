using System.Diagnostics;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Runs a selection job in this process, shard after shard: plan → model and prefixes → score every shard (skipping
/// shards a previous run completed) → finalize. The cluster runs the same steps, with shards leased to workers.
/// </summary>
/// <remarks>
/// Both runners share the pipeline — <see cref="JobPlanner"/>, <see cref="JobScorers"/>, <see cref="ShardScorer"/>,
/// <see cref="ShardWriter"/> and <see cref="DomainsFinalizer"/> — and differ only in who drives it. This one needs no silo:
/// the library's tests, <c>lamdas bench quality</c> and the cluster-overhead benchmark's baseline run on it, and the
/// Jobs library cannot reach the cluster. <c>lamdas run</c> drives the pipeline through an in-process silo
/// (<c>EmbeddedJobRunner</c>) so that a local run takes the cluster's code path. A job of several domains reads and
/// tokenizes each shard once and writes each domain's files into the domain's folder.
/// </remarks>
public sealed class JobRunner(JobSpec spec, JobRunnerOptions options)
{
    private readonly IObjectStore _store = options.Store ?? new ObjectStore();

    public async Task<JobOutcome> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var log = options.Log;
        var shards = (await JobPlanner.PlanDomainsAsync(_store, spec, log, ct)).Shards;

        var preparing = Stopwatch.StartNew();
        using var scorers = await JobScorers.CreateAsync(_store, spec, shards, options.ScoreStore, log, null, ct,
            p => options.Progress?.Invoke(new JobProgress("preparing", 0, shards.Count, 0, shards.Sum(s => s.End - s.Start), 0, 0, 0, 0, preparing.Elapsed)
            {
                Prefix = p,
            }));
        var shardScorer = new ShardScorer(_store, spec, scorers.Domains);
        var writers = scorers.Domains.Select(d => new ShardWriter(new JobOutput(_store, d.Spec))).ToList();
        var domains = writers.Count;

        var results = new ShardResult[domains][];
        for (var d = 0; d < domains; d++)
        {
            results[d] = new ShardResult[shards.Count];
        }

        var bytesTotal = shards.Sum(s => s.End - s.Start);
        long bytesDone = 0, docs = 0, selected = 0, bad = 0, tokens = 0;
        var shardsDone = 0;
        var scoringClock = Stopwatch.StartNew();
        long inFlight = 0;
        void Report(string phase) => options.Progress?.Invoke(new JobProgress(phase, shardsDone, shards.Count,
            bytesDone, bytesTotal, docs, selected, bad, tokens, scoringClock.Elapsed)
        {
            InFlightDocuments = inFlight,
        });

        for (var i = 0; i < shards.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var done = await JobPlanner.CompletedDomainsAsync(_store, spec, i, ct);
            if (done is null)
            {
                var shardClock = Stopwatch.StartNew();
                var scored = Enumerable.Range(0, domains).Select(_ => new ShardAccumulator()).ToArray();
                long shardDocs = 0, shardSelected = 0, shardTokens = 0;
                await foreach (var chunks in shardScorer.ScoreDomainsAsync(shards[i], ct))
                {
                    for (var d = 0; d < domains; d++)
                    {
                        scored[d].Add(chunks[d]);
                    }

                    docs += chunks[0].Rows.Count;
                    shardDocs += chunks[0].Rows.Count;
                    selected += chunks.Sum(c => c.Selected);
                    shardSelected += chunks.Sum(c => c.Selected);
                    tokens += chunks[0].Tokens;
                    shardTokens += chunks[0].Tokens;
                    inFlight = shardDocs;
                    Report("scoring");
                }

                done = new ShardResult[domains];
                for (var d = 0; d < domains; d++)
                {
                    done[d] = await writers[d].CommitAsync(i, shards[i], scored[d], shardClock, ct);
                }

                docs -= shardDocs;
                selected -= shardSelected;
                tokens -= shardTokens;
                inFlight = 0;
            }

            for (var d = 0; d < domains; d++)
            {
                results[d][i] = done[d];
            }

            docs += done[0].Documents;
            selected += done.Sum(r => r.Selected);
            tokens += done[0].Tokens;
            bad += done[0].Quarantined;
            bytesDone += shards[i].End - shards[i].Start;
            shardsDone++;
            Report("scoring");
        }

        Report("selecting");
        var summaries = await DomainsFinalizer.FinalizeAsync(_store, spec, shards, results, scorers.Provenance, options.Labels, log, ct);
        if (scorers.Passes.Store is not null || spec.Domains is not null)
        {
            var passes = scorers.Passes.Statistics;
            log?.Invoke($"model passes: {passes.ComputedTokens:N0} tokens computed, {passes.SharedTokens:N0} shared between domains, " +
                $"{passes.StoredTokens:N0} read from the score store ({passes.ReusedShare:P1} reused)");
        }

        var summary = summaries[0];
        return new JobOutcome(summaries.All(s => s.Succeeded), spec.Output, summary.Documents, summaries.Sum(s => s.Selected), summary.Quarantined,
            summary.Tokens, summary.BadFraction, string.Join("; ", summaries.Select(JobFinalizer.Describe)), clock.Elapsed, summary.Provenance.Cascade,
            summary.Provenance.Cascade is null ? null : summary.ModelDocuments)
        {
            Passes = scorers.Passes.Statistics,
        };
    }
}
