using System.CommandLine;
using System.Globalization;
using Lamdas.Benchmarks;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>bench reuse</c>: K domains in one job against K separate jobs, a second domain over a corpus in the score store,
/// and a nightly run with a share of the files changed, as measured wall-time ratios.
/// </summary>
internal static class ReuseBenchCommand
{
    public static Command Create()
    {
        var tasks = new Option<string>("--tasks")
        {
            Description = "folder of task folders whose reference.jsonl files give the domains (each split in two halves: two domains)",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "datasets", "domain-bench-dev"),
        };
        var candidates = new Option<string?>("--candidates") { Description = "candidates JSONL (default: the first task's candidates.jsonl)" };
        var model = new Option<string>("--model") { Description = "model directory", DefaultValueFactory = _ => "models/lamdas-tiny" };
        var documents = new Option<int>("--documents") { Description = "candidates per job", DefaultValueFactory = _ => 400 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "tokens scored per document", DefaultValueFactory = _ => 256 };
        var window = new Option<int>("--window-tokens") { Description = "window of the windowed view (0: whole context only)", DefaultValueFactory = _ => 0 };
        var domains = new Option<string>("--domains") { Description = "comma-separated domain counts K", DefaultValueFactory = _ => "1,2,4,8" };
        var files = new Option<int>("--files") { Description = "files the corpus is cut into", DefaultValueFactory = _ => 20 };
        var changed = new Option<int>("--changed") { Description = "files replaced for the second night", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output") { Description = "working folder (emptied first)", DefaultValueFactory = _ => "out/bench-reuse" };
        var command = new Command("reuse", "What sharing and reusing model passes saves: K domains in one job, a second domain with the score store, a nightly run")
        {
            tasks, candidates, model, documents, maxTokens, window, domains, files, changed, output,
        };
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, BenchCommand.Interrupted, async ct =>
        {
            var root = result.GetValue(tasks)!;
            var dirs = Directory.Exists(root)
                ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "reference.jsonl"))).Order(StringComparer.Ordinal).ToList()
                : [];
            if (dirs.Count == 0)
            {
                throw new CliException($"--tasks {root}: no task folders with reference.jsonl");
            }

            var work = Path.GetFullPath(result.GetValue(output)!);
            var referenceFolder = work + "-references";
            Directory.CreateDirectory(referenceFolder);
            var references = new List<string>();
            foreach (var dir in dirs)
            {
                var lines = File.ReadLines(Path.Combine(dir, "reference.jsonl")).Where(l => l.Length > 0).ToList();
                for (var half = 0; half < 2; half++)
                {
                    var path = Path.Combine(referenceFolder, $"{Path.GetFileName(dir)}-{half}.jsonl");
                    File.WriteAllLines(path, lines.Where((_, i) => i % 2 == half).Take(12));
                    references.Add(path);
                }
            }

            var counts = result.GetValue(domains)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 16
                    ? n
                    : throw new CliException($"--domains: '{k}' is not a count from 1 to 16"))
                .ToList();
            if (counts.Max() > references.Count)
            {
                throw new CliException($"--domains: {counts.Max()} domains need {counts.Max()} reference sets; --tasks gives {references.Count}");
            }

            var settings = new ReuseBenchmark.Settings(
                Path.GetFullPath(result.GetValue(model)!),
                Path.GetFullPath(result.GetValue(candidates) ?? Path.Combine(dirs[0], "candidates.jsonl")),
                references,
                work,
                result.GetValue(documents),
                result.GetValue(maxTokens),
                result.GetValue(window),
                counts,
                result.GetValue(files),
                result.GetValue(changed));
            var rows = await ReuseBenchmark.RunAsync(settings, m => Console.Error.WriteLine($"bench reuse: {m}"), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"comparison",-52} {"seconds",9} {"baseline",9} {"ratio",7} {"target",7} {"pass tokens",12} {"baseline",12} {"ratio",7}"));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Name,-52} {row.Seconds,9:F1} {row.BaselineSeconds,9:F1} {row.Ratio,7:F3} {(row.Target is { } t ? $"≤{t:F2}" : "-"),7} {row.ComputedTokens,12:N0} {row.BaselineTokens,12:N0} {row.TokenRatio,7:F3}"));
            }

            return 0;
        }));
        return command;
    }
}
