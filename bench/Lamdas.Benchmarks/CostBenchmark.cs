using System.Diagnostics;
using System.Globalization;
using Lamdas.Engine.Model;
using Lamdas.Engine.Planning;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Lamdas.Storage;
using Lamdas.Tokenization;

namespace Lamdas.Benchmarks;

/// <summary>
/// Runs one LAMDAS job several ways over the same corpus in this process — plain two passes, windowed, and each with
/// the cascade — and counts what each cost: wall time, the token positions its LLM forward passes read and their
/// FLOPs (the planner's per-document count, pilot included), per candidate token (untruncated); with labels, also
/// precision@P and AUROC, and how much of the same view's plain selection a cascade kept. The prefix is trained once
/// beforehand, so every run only scores. With <c>resume</c>, runs that finished in an earlier invocation over the same
/// folder are read back (their wall time from the <c>NAME.seconds</c> file written beside them) instead of run again.
/// </summary>
public static class CostBenchmark
{
    public static async Task<IReadOnlyList<CostRow>> RunAsync(JobSpec spec, IReadOnlyList<CostConfiguration> configurations, string? labels,
        string workDirectory, Action<string>? log, CancellationToken ct, bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(configurations);
        if (spec.Method != SelectionMethod.Lamdas || spec.Record.Text is null)
        {
            throw new JobFailedException("bench cost runs LAMDAS jobs over plain-text records (record.text)");
        }

        var work = Path.GetFullPath(workDirectory);
        if (Directory.Exists(work) && !resume)
        {
            Directory.Delete(work, recursive: true);
        }

        var store = new ObjectStore();
        var cascade = spec.Cascade ?? new CascadeSpec();
        var reference = spec.Reference ?? spec.Prefix!.Reference;
        var trained = Path.Combine(work, "prefix-run", "prefix");
        if (spec.Prefix?.Path is null && resume && File.Exists(Path.Combine(trained, "prefix.json")))
        {
            log?.Invoke("using the prefix trained by an earlier invocation");
            spec = spec with { Prefix = spec.Prefix! with { Path = trained, Reference = null }, Reference = reference };
        }

        if (spec.Prefix?.Path is null)
        {
            log?.Invoke("training the prefix once for every run");
            var preparation = spec with { Output = Path.Combine(work, "prefix-run") + "/", Cascade = null };
            var factory = new ScorerFactory(store, preparation, log);
            using (await factory.CreateAsync([], ct))
            {
                factory.Model?.Dispose();
            }

            spec = spec with { Prefix = spec.Prefix! with { Path = trained, Reference = null }, Reference = reference };
        }

        var model = spec.Model is { } local && Directory.Exists(local) ? local : throw new JobFailedException("bench cost needs a local model directory");
        var config = ModelConfig.Load(model);
        var candidateTokens = await CandidateTokensAsync(store, spec, TokenizerLoader.Load(model), ct);
        var rows = new List<CostRow>();
        var selections = new Dictionary<string, HashSet<(string, long)>>();
        var scoresByRun = new Dictionary<string, IReadOnlyList<ScoreRow>>();
        var labelMap = labels is null ? null : await LabelFile.ReadAsync(store, labels, ct);
        foreach (var configuration in configurations)
        {
            var run = spec with
            {
                Name = $"{spec.Name}-{configuration.Name.Replace('+', '-')}",
                Output = Path.Combine(work, configuration.Name.Replace('+', '-')) + "/",
                WindowTokens = configuration.WindowTokens,
                Cascade = configuration.Cascade ? cascade : null,
            };
            var secondsFile = Path.Combine(work, configuration.Name.Replace('+', '-') + ".seconds");
            double seconds;
            if (resume && File.Exists(Path.Combine(run.Output, "_SUCCESS")))
            {
                log?.Invoke($"run {configuration.Name}: finished earlier, reading its output");
                seconds = File.Exists(secondsFile) && double.TryParse(await File.ReadAllTextAsync(secondsFile, ct), CultureInfo.InvariantCulture, out var earlier)
                    ? earlier
                    : double.NaN;
            }
            else
            {
                log?.Invoke($"run {configuration.Name}");
                var clock = Stopwatch.StartNew();
                var outcome = await new JobRunner(run, new JobRunnerOptions()).RunAsync(ct);
                seconds = clock.Elapsed.TotalSeconds;
                if (!outcome.Succeeded)
                {
                    throw new JobFailedException($"the {configuration.Name} run failed: {outcome.Message}");
                }

                await File.WriteAllTextAsync(secondsFile, seconds.ToString("R", CultureInfo.InvariantCulture), ct);
            }

            var scores = await ScoreFiles.ReadAllAsync(store, run.Output, ct);
            scoresByRun[configuration.Name] = scores;
            var pilot = await StoreJson.ReadAsync<CascadePilot>(store, StorageUri.Combine(run.Output, CascadePilotRunner.RelativePath), ct);
            var (tokens, flops) = ModelWork(config, run, scores, pilot);
            var selected = scores.Where(r => r.Selected).Select(r => (r.Source, r.Position)).ToHashSet();
            selections[configuration.Name] = selected;
            double? recall = configuration.Baseline is { } baseline && selections.TryGetValue(baseline, out var reference2) && reference2.Count > 0
                ? reference2.Count(selected.Contains) / (double)reference2.Count
                : null;
            var evaluation = labels is null ? null : await ScoreEvaluation.EvaluateAsync(store, run.Output, labels, ct);
            var baselineScores = configuration.Baseline is { } plainRun && scoresByRun.TryGetValue(plainRun, out var plainScores) ? plainScores : null;
            var curve = baselineScores is null ? [] : CascadeCurve.Compute(baselineScores, scores, labelMap);
            // The pilot at scale: the job's default settings, and this run's where they differ.
            var simulated = new List<CascadeSpec> { new() { Method = cascade.Method } };
            if (cascade != simulated[0])
            {
                simulated.Add(cascade);
            }

            var simulations = baselineScores is null ? [] : simulated.Select(c => PilotSimulation.Run(baselineScores, scores, c)).ToList();
            var row = new CostRow(configuration, seconds, scores.Count, candidateTokens, tokens, flops, scores.LongCount(r => r.ReachedModel), pilot,
                evaluation, recall);
            rows.Add(row with { Curve = curve, Simulations = simulations });
        }

        // A view run without its cascade counterpart still gets the cascade's curve: the first stage alone (a job of
        // the cascade's method, fitted exactly as the cascade fits it) scores every document in seconds.
        var uncascaded = rows.Where(r => !r.Configuration.Cascade
            && !configurations.Any(c => c.Cascade && c.WindowTokens == r.Configuration.WindowTokens)).ToList();
        if (uncascaded.Count > 0)
        {
            var firstStage = await FirstStageAsync(spec with { Output = Path.Combine(work, "stage1") + "/" }, cascade, model, log, ct);
            var defaults = new CascadeSpec { Method = cascade.Method };
            foreach (var r in uncascaded)
            {
                var plain = scoresByRun[r.Configuration.Name];
                var simulated = cascade == defaults ? new[] { defaults } : [defaults, cascade];
                rows[rows.IndexOf(r)] = r with
                {
                    Curve = CascadeCurve.Compute(plain, firstStage, labelMap),
                    Simulations = simulated.Select(c => PilotSimulation.Run(plain, firstStage, c)).ToList(),
                };
            }
        }

        return rows;
    }

    /// <summary>
    /// The first stage's score of every document, as rows with <see cref="ScoreRow.Stage1Score"/> set: fitted by the
    /// job's own code (<see cref="ScorerFactory.FitTextScorerAsync"/>) and applied to what the LLM reads of each
    /// document (<see cref="FirstStageText"/>), as a cascade job does.
    /// </summary>
    private static async Task<IReadOnlyList<ScoreRow>> FirstStageAsync(JobSpec spec, CascadeSpec cascade, string model, Action<string>? log, CancellationToken ct)
    {
        var store = new ObjectStore();
        if (Directory.Exists(spec.Output))
        {
            Directory.Delete(spec.Output, recursive: true);
        }

        var plan = await JobPlanner.PlanAsync(store, spec, null, ct);
        var stage1 = await new ScorerFactory(store, spec, log).FitTextScorerAsync(cascade.Method, plan.Shards, ct);
        var tokenizer = TokenizerLoader.Load(model);
        var preparer = new DocumentPreparer(spec.Record, new TextJobScorer(new RandomScorer(0)), spec.MaxTokens);
        log?.Invoke($"first stage alone ({cascade.Method.ToString().ToLowerInvariant()}) for the curves of the views run without a cascade");
        var rows = new List<ScoreRow>();
        foreach (var shard in plan.Shards)
        {
            await using var reader = await RecordReaders.OpenAsync(store, shard, new RecordReaderOptions(), ct);
            await foreach (var item in reader.ReadAsync(ct))
            {
                if (item.Record?.Json is { } json && preparer.Prepare(json) is { Document: { } doc })
                {
                    var ids = tokenizer.Encode(doc.Text).Take(spec.MaxTokens).ToArray();
                    var text = FirstStageText.Of(doc with { Ids = ids }, tokenizer.Decode, spec.MaxTokens);
                    rows.Add(new ScoreRow(doc.Id, shard.Uri, item.Record.Position, ids.Length, double.NaN, double.NaN, double.NaN, false, stage1.Score(doc.Id, text)));
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Token positions and FLOPs of the LLM's forward passes: both passes over each document it scored (and the later
    /// windows again with windowed scoring), plus the pilot's documents at the corpus's mean scored length.
    /// </summary>
    private static (double Tokens, double Flops) ModelWork(ModelConfig config, JobSpec spec, IReadOnlyList<ScoreRow> scores, CascadePilot? pilot)
    {
        var prefixLength = spec.Prefix!.Length;
        double tokens = 0, flops = 0;
        void Add(int n, double times)
        {
            if (n <= 0)
            {
                return;
            }

            var windowed = spec.WindowTokens > 0 && spec.WindowTokens < n ? n - spec.WindowTokens : 0;
            tokens += times * 2 * (n + windowed);
            flops += times * CapacityPlanner.FlopsPerToken(config, n, prefixLength, spec.WindowTokens) * n;
        }

        foreach (var row in scores.Where(r => r.ReachedModel))
        {
            Add(row.Tokens, 1);
        }

        if (pilot is { ModelDocuments: > 0 })
        {
            Add((int)Math.Round(pilot.ScoredTokensPerDocument), pilot.ModelDocuments);
        }

        return (tokens, flops);
    }

    private static async Task<long> CandidateTokensAsync(IObjectStore store, JobSpec spec, ITextTokenizer tokenizer, CancellationToken ct)
    {
        long total = 0;
        foreach (var file in await store.ListAsync(spec.Input, ct))
        {
            var shard = new ShardSpec(file.Uri, RecordFormats.Detect(file.Uri), 0, file.Length, null);
            await using var reader = await RecordReaders.OpenAsync(store, shard, new RecordReaderOptions(), ct);
            await foreach (var item in reader.ReadAsync(ct))
            {
                if (item.Record?.Json is { } json && json.TryGetProperty(spec.Record.Text!, out var text) && text.GetString() is { } value)
                {
                    total += tokenizer.Encode(value).Count;
                }
            }
        }

        return total;
    }
}
