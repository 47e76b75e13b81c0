using System.Diagnostics;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Benchmarks;

/// <summary>
/// What sharing and reusing model passes saves, measured as wall time of real jobs over one corpus: K domains in one
/// job against K separate jobs; a second domain over a corpus already in the score store against the first job; a
/// nightly run where a share of the files changed against the first night. Prefixes are trained first and given by
/// path, so every timed job does the same scoring work a production run does, and nothing else.
/// </summary>
public static class ReuseBenchmark
{
    /// <summary>The settings of a run.</summary>
    /// <param name="Model">model directory.</param>
    /// <param name="Candidates">JSONL candidates (the first <paramref name="Documents"/> are used).</param>
    /// <param name="References">reference JSONL files, one domain each.</param>
    /// <param name="Output">a folder for the corpora, prefixes, stores and job outputs (emptied first).</param>
    /// <param name="Documents">candidates per job.</param>
    /// <param name="MaxTokens">tokens scored per document.</param>
    /// <param name="WindowTokens">the windowed view's window (0: whole context only).</param>
    /// <param name="DomainCounts">the K of the K-domain jobs (default 1, 2, 4, 8).</param>
    /// <param name="NightlyFiles">files the corpus is cut into.</param>
    /// <param name="NightlyChanged">files replaced by new documents for the second night.</param>
    public sealed record Settings(string Model, string Candidates, IReadOnlyList<string> References, string Output, int Documents = 400,
        int MaxTokens = 256, int WindowTokens = 0, IReadOnlyList<int>? DomainCounts = null, int NightlyFiles = 20, int NightlyChanged = 1);

    public static async Task<IReadOnlyList<ReuseResult>> RunAsync(Settings settings, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var counts = settings.DomainCounts ?? [1, 2, 4, 8];
        var maxDomains = counts.Max();
        if (settings.References.Count < maxDomains)
        {
            throw new ArgumentException($"{maxDomains} domains need {maxDomains} reference sets; {settings.References.Count} given");
        }

        if (Directory.Exists(settings.Output))
        {
            Directory.Delete(settings.Output, recursive: true);
        }

        Directory.CreateDirectory(settings.Output);
        var lines = File.ReadLines(settings.Candidates).Where(l => l.Length > 0).Take(settings.Documents).ToList();
        var corpus = WriteCorpus(Path.Combine(settings.Output, "corpus"), lines, settings.NightlyFiles);
        var prefixes = new List<string>();
        for (var d = 0; d < maxDomains; d++)
        {
            ct.ThrowIfCancellationRequested();
            log?.Invoke($"training the prefix of domain {d + 1} of {maxDomains} on {settings.References[d]}");
            // A job over one file of the corpus: its prefix is what the timed jobs load (its contrast sample is that file).
            await RunAsync(Yaml(settings, $"prefix-{d}", Path.Combine(corpus, FileName(0)), Path.Combine(settings.Output, $"train-{d}"),
                $"prefix: {{ reference: {Quote(settings.References[d])}, length: 10, epochs: 1 }}", "cache: false"), ct);
            prefixes.Add(Path.Combine(settings.Output, $"train-{d}", "prefix"));
        }

        var results = new List<ReuseResult>();
        var input = Path.Combine(corpus, "*.jsonl");

        // An untimed job first, so that no timed one pays for the first reading of the corpus or the runtime's warm-up.
        await RunAsync(Yaml(settings, "warm-up", input, Path.Combine(settings.Output, "warm-up"), $"prefix: {{ path: {Quote(prefixes[0])} }}", "cache: false"), ct);

        // K separate jobs and the K-domain job measured next to each other — half of the separate jobs before it, half
        // after — so that a drift of the machine's speed over the run falls on both sides alike.
        foreach (var k in counts)
        {
            var single = new List<(double Seconds, long Tokens)>();
            async Task Alone(int d)
            {
                var (seconds, outcome) = await TimeAsync(Yaml(settings, $"single-{k}-{d}", input, Path.Combine(settings.Output, $"single-{k}-{d}"),
                    $"prefix: {{ path: {Quote(prefixes[d])} }}", "cache: false"), ct);
                single.Add((seconds, outcome.Passes!.ComputedTokens));
                log?.Invoke($"K = {k}: domain {d + 1} alone: {seconds:F1} s");
            }

            var before = (k + 1) / 2;
            for (var d = 0; d < before; d++)
            {
                await Alone(d);
            }

            var domains = string.Join("\n", Enumerable.Range(0, k).Select(d => $"  d{d}: {{ path: {Quote(prefixes[d])} }}"));
            var (together, outcome) = await TimeAsync(Yaml(settings, $"together-{k}", input, Path.Combine(settings.Output, $"together-{k}"),
                "domains:\n" + domains, "cache: false"), ct);
            for (var d = before; d < k; d++)
            {
                await Alone(d);
            }

            var separate = single.Sum(s => s.Seconds);
            results.Add(new ReuseResult($"K = {k}: one job vs {k} separate", together, separate, outcome.Passes!.ComputedTokens,
                single.Sum(s => s.Tokens), k == 4 ? 0.65 : null));
            log?.Invoke($"{k} domains in one job: {together:F1} s against {separate:F1} s");
        }

        // A second domain over a corpus already in the store.
        var store = Path.Combine(settings.Output, "store");
        var (firstSeconds, first) = await TimeAsync(Yaml(settings, "store-first", input, Path.Combine(settings.Output, "store-first"),
            $"prefix: {{ path: {Quote(prefixes[0])} }}", $"cache: {Quote(store)}"), ct);
        var (secondSeconds, second) = await TimeAsync(Yaml(settings, "store-second", input, Path.Combine(settings.Output, "store-second"),
            $"prefix: {{ path: {Quote(prefixes[1 % prefixes.Count])} }}", $"cache: {Quote(store)}"), ct);
        results.Add(new ReuseResult("second domain, store warm vs first job", secondSeconds, firstSeconds, second.Passes!.ComputedTokens,
            first.Passes!.ComputedTokens, 0.55));

        // The next night: the same files with NightlyChanged of them replaced by new documents.
        var night2 = Path.Combine(settings.Output, "corpus-night-2");
        Directory.CreateDirectory(night2);
        foreach (var file in Directory.GetFiles(corpus))
        {
            File.Copy(file, Path.Combine(night2, Path.GetFileName(file)));
        }

        var fresh = File.ReadLines(settings.Candidates).Where(l => l.Length > 0).Skip(settings.Documents).ToList();
        var perFile = (int)Math.Ceiling(lines.Count / (double)settings.NightlyFiles);
        for (var f = 0; f < settings.NightlyChanged; f++)
        {
            var replacement = fresh.Skip(f * perFile).Take(perFile).ToList();
            if (replacement.Count == 0)
            {
                throw new ArgumentException($"{settings.Candidates} has too few documents beyond the first {settings.Documents} to replace {settings.NightlyChanged} files");
            }

            File.WriteAllLines(Path.Combine(night2, FileName(settings.NightlyFiles - 1 - f)), replacement);
        }

        var (nightSeconds, night) = await TimeAsync(Yaml(settings, "night-2", Path.Combine(night2, "*.jsonl"), Path.Combine(settings.Output, "night-2"),
            $"prefix: {{ path: {Quote(prefixes[0])} }}", $"cache: {Quote(store)}"), ct);
        var changed = settings.NightlyChanged / (double)settings.NightlyFiles;
        results.Add(new ReuseResult($"nightly, {changed:P0} of the files changed vs first night", nightSeconds, firstSeconds,
            night.Passes!.ComputedTokens, first.Passes.ComputedTokens, 0.10));
        return results;
    }

    /// <summary>The job spec all runs share but for their prefix (or domains) and store.</summary>
    private static string Yaml(Settings settings, string name, string input, string output, string prefix, string cache) => $$"""
        name: {{name}}
        model: {{Quote(settings.Model)}}
        input: {{Quote(input)}}
        output: {{Quote(output)}}
        max_tokens: {{settings.MaxTokens}}
        window_tokens: {{settings.WindowTokens}}
        selection: { mode: threshold, tau: 1.0 }
        cascade: false
        {{cache}}
        {{prefix}}
        """;

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FileName(int index) => $"part-{index:D3}.jsonl";

    private static string WriteCorpus(string folder, IReadOnlyList<string> lines, int files)
    {
        Directory.CreateDirectory(folder);
        var perFile = (int)Math.Ceiling(lines.Count / (double)files);
        for (var f = 0; f < files; f++)
        {
            File.WriteAllLines(Path.Combine(folder, FileName(f)), lines.Skip(f * perFile).Take(perFile));
        }

        return folder;
    }

    private static async Task<(double Seconds, JobOutcome Outcome)> TimeAsync(string yaml, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await RunAsync(yaml, ct);
        return (clock.Elapsed.TotalSeconds, outcome);
    }

    private static async Task<JobOutcome> RunAsync(string yaml, CancellationToken ct)
    {
        var outcome = await new JobRunner(JobSpecParser.Parse(yaml), new JobRunnerOptions()).RunAsync(ct);
        return outcome.Succeeded ? outcome : throw new InvalidOperationException(outcome.Message);
    }
}
