using System.Diagnostics;
using System.Text.Json;
using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Runs a selection job on this machine: validate → model and prefix → plan shards → score every shard (skipping
/// shards a previous run completed) → top-fraction selection when asked → manifest, report, <c>_SUCCESS</c>.
/// </summary>
public sealed class JobRunner(JobSpec spec, JobRunnerOptions options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly IObjectStore store = new ObjectStore();

    public async Task<JobOutcome> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var log = options.Log;
        var specJson = JobSpecParser.ToJson(spec);
        await GuardOutputAsync(specJson, ct);

        var inputs = await store.ListAsync(spec.Input, ct);
        if (inputs.Count == 0)
        {
            throw new JobFailedException($"input '{spec.Input}' matches no files");
        }

        var shards = await ShardPlanner.PlanAsync(store, inputs, spec.ShardBytes, ct);
        log?.Invoke($"{inputs.Count} input files, {inputs.Sum(i => i.Length) / 1e6:F1} MB, {shards.Count} shards");

        var factory = new ScorerFactory(store, spec, log);
        var setupClock = Stopwatch.StartNew();
        using var scorer = await factory.CreateAsync(shards, ct);
        var setupSeconds = setupClock.Elapsed.TotalSeconds;
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
            var marker = context.OutputUri($"_progress/{context.PartName(i)}.json");
            var done = await StoreJson.ReadAsync<ShardResult>(store, marker, ct);
            if (done is null)
            {
                done = await processor.ProcessAsync(i, shards[i], (d, s, t) =>
                {
                    docs += d;
                    selected += s;
                    tokens += t;
                    Report("scoring");
                }, ct);
                await WriteJsonAsync(marker, done, ct);
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

        var scoringSeconds = scoringClock.Elapsed.TotalSeconds;
        var finalResults = results.Select(r => r!).ToList();
        double? topFractionCutOff = null;
        if (spec.Selection.Mode == SelectionMode.TopFraction)
        {
            var selector = new TopFractionSelector(context, processor, log);
            (finalResults, topFractionCutOff) = await selector.SelectAsync(shards, finalResults, ct);
            selected = finalResults.Sum(r => r.Selected);
            Report("selecting");
        }

        var badFraction = docs + bad == 0 ? 0 : (double)bad / (docs + bad);
        var ok = badFraction <= spec.MaxBadFraction;
        var summary = new JobSummary(spec, specJson, factory, finalResults, topFractionCutOff, badFraction, ok,
            new Dictionary<string, double>
            {
                ["setup_seconds"] = setupSeconds,
                ["scoring_seconds"] = scoringSeconds,
                ["total_seconds"] = clock.Elapsed.TotalSeconds,
            });
        await WriteJsonTextAsync(context.OutputUri("manifest.json"), summary.ManifestJson(), ct);
        var html = await new JobReport(store, spec, summary, options.Labels).RenderAsync(ct);
        await store.WriteAsync(context.OutputUri("report.html"), (s, t) => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html), t).AsTask(), ct);
        string message;
        if (ok)
        {
            await store.WriteAsync(context.OutputUri("_SUCCESS"), (_, _) => Task.CompletedTask, ct);
            message = $"done: {selected} of {docs} documents selected";
        }
        else
        {
            message = $"{bad} of {docs + bad} records ({badFraction:P2}) could not be scored, more than max_bad_fraction {spec.MaxBadFraction:P2}; " +
                "see quarantine/ — outputs are written but _SUCCESS is not";
        }

        return new JobOutcome(ok, spec.Output, docs, selected, bad, tokens, badFraction, message, clock.Elapsed);
    }

    private async Task GuardOutputAsync(string specJson, CancellationToken ct)
    {
        var jobUri = StorageUri.Combine(spec.Output, "_progress/job.json");
        var existing = await store.GetAsync(jobUri, ct);
        if (existing is null)
        {
            var others = await store.ListPrefixAsync(spec.Output, ct);
            if (others.Count > 0)
            {
                throw new JobFailedException($"output '{spec.Output}' already holds files that are not from this job; choose an empty output folder");
            }

            await WriteJsonTextAsync(jobUri, specJson, ct);
            return;
        }

        await using var stream = await store.OpenReadAsync(jobUri, ct);
        var previous = await new StreamReader(stream).ReadToEndAsync(ct);
        if (previous.TrimEnd() != specJson.TrimEnd())
        {
            throw new JobFailedException($"output '{spec.Output}' holds a run of a different job specification; " +
                "use a new output folder (or delete it to start over)");
        }

        options.Log?.Invoke("resuming: shards completed by an earlier run are kept");
    }

    private Task WriteJsonAsync<T>(string uri, T value, CancellationToken ct) =>
        WriteJsonTextAsync(uri, JsonSerializer.Serialize(value, Indented), ct);

    private Task WriteJsonTextAsync(string uri, string json, CancellationToken ct) =>
        store.WriteAsync(uri, (s, t) => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json + "\n"), t).AsTask(), ct);
}
