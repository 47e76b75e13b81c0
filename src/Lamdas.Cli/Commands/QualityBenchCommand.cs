using System.CommandLine;
using System.Globalization;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Lamdas.Storage;

namespace Lamdas.Cli.Commands;

/// <summary><c>bench quality --tasks DIR</c>: every method on every task folder, one table.</summary>
internal static class QualityBenchCommand
{
    private static readonly string[] AllMethods = ["lamdas", "ppl", "dsir", "tfidf", "random"];

    public static Command Create()
    {
        var tasks = new Option<string>("--tasks") { Description = "folder of task folders, each with reference.jsonl, candidates.jsonl, labels.jsonl", Required = true };
        var model = new Option<string>("--model") { Description = "model directory for lamdas and ppl", DefaultValueFactory = _ => "models/lamdas-tiny" };
        var methods = new Option<string>("--methods") { Description = "comma-separated methods", DefaultValueFactory = _ => string.Join(',', AllMethods) };
        var maxTokens = new Option<int>("--max-tokens") { Description = "truncate documents to N tokens", DefaultValueFactory = _ => 256 };
        var prefixLength = new Option<int>("--prefix-length") { Description = "prefix positions for lamdas", DefaultValueFactory = _ => 30 };
        var prefixEpochs = new Option<int>("--prefix-epochs") { Description = "maximum prefix-training epochs for lamdas", DefaultValueFactory = _ => 10 };
        var window = new Option<int?>("--window-tokens")
        {
            Description = "lamdas: also score windows of N tokens from a fresh start and add that view's log-ratio "
                + $"(0 = whole context only; default {WindowDefaults.Tokens} when --max-tokens is larger, else 0)",
        };
        var contrast = new Option<double?>("--prefix-contrast") { Description = "weight of the contrastive term of prefix training (0: reference only; default: the trainer's)" };
        var output = new Option<string?>("--output") { Description = "folder for the jobs' outputs (default: a temporary folder)" };
        var seed = new Option<long>("--seed") { Description = "seed", DefaultValueFactory = _ => 0 };
        var cascade = new Option<bool>("--cascade")
        {
            Description = "lamdas: the cascade a job runs by default (a pilot of 10,000 candidates; a task with fewer is scored without a cut); "
                + "--cascade false: plain LAMDAS",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("quality", "Run every method on every task folder and print AUROC and precision@P")
        {
            tasks, model, methods, maxTokens, window, prefixLength, prefixEpochs, contrast, output, seed, cascade,
        };
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, BenchCommand.Interrupted, async ct =>
        {
            var windowTokens = ScoringOptionSet.WindowFor(result.GetValue(window), result.GetValue(maxTokens));
            var root = result.GetValue(tasks)!;
            var taskDirs = Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "labels.jsonl"))).Order(StringComparer.Ordinal).ToList();
            if (taskDirs.Count == 0)
            {
                throw new CliException($"--tasks {root}: no task folders with reference.jsonl, candidates.jsonl and labels.jsonl");
            }

            var chosen = result.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var outRoot = result.GetValue(output) ?? Path.Combine(Path.GetTempPath(), "lamdas-bench-quality-" + Environment.ProcessId);
            var table = new Dictionary<(string Method, string Task), EvaluationResult>();
            var seconds = new Dictionary<(string Method, string Task), double>();
            foreach (var dir in taskDirs)
            {
                var task = Path.GetFileName(dir);
                foreach (var method in chosen)
                {
                    var jobOutput = Path.GetFullPath(Path.Combine(outRoot, task, method));
                    if (Directory.Exists(jobOutput))
                    {
                        Directory.Delete(jobOutput, recursive: true);
                    }

                    var spec = Spec(task, dir, method, result.GetValue(model)!, result.GetValue(maxTokens), windowTokens, result.GetValue(prefixLength),
                        result.GetValue(prefixEpochs), result.GetValue(contrast), jobOutput, result.GetValue(seed), result.GetValue(cascade));
                    Console.Error.WriteLine($"== {task} / {method}");
                    var outcome = await new JobRunner(spec, new JobRunnerOptions { Log = m => Console.Error.WriteLine("   " + m) })
                        .RunAsync(ct);
                    seconds[(method, task)] = outcome.Elapsed.TotalSeconds;
                    table[(method, task)] = await ScoreEvaluation.EvaluateAsync(new ObjectStore(), jobOutput,
                        Path.Combine(dir, "labels.jsonl"), ct);
                }
            }

            Print(table, seconds, chosen, taskDirs.Select(Path.GetFileName).ToList()!);
            return 0;
        }));
        return command;
    }

    /// <summary>The job a quality benchmark runs for one method on one task folder (top-fraction at the task's in-domain share).</summary>
    internal static JobSpec Spec(string task, string dir, string method, string model, int maxTokens, int windowTokens, int prefixLength, int prefixEpochs,
        double? contrast, string output, long seed, bool cascade)
    {
        var parsed = method switch
        {
            "lamdas" => SelectionMethod.Lamdas,
            "ppl" => SelectionMethod.Ppl,
            "dsir" => SelectionMethod.Dsir,
            "tfidf" => SelectionMethod.TfIdf,
            "random" => SelectionMethod.Random,
            _ => throw new CliException($"--methods: unknown method '{method}'"),
        };
        var positives = File.ReadLines(Path.Combine(dir, "labels.jsonl")).Count(l => l.Contains("\"in_domain\": true", StringComparison.Ordinal) || l.Contains("\"in_domain\":true", StringComparison.Ordinal));
        var total = File.ReadLines(Path.Combine(dir, "candidates.jsonl")).Count(l => l.Length > 0);
        var reference = Path.GetFullPath(Path.Combine(dir, "reference.jsonl"));
        return new JobSpec
        {
            Name = $"{task}-{method}",
            Model = parsed is SelectionMethod.Lamdas or SelectionMethod.Ppl ? model : null,
            Prefix = parsed == SelectionMethod.Lamdas ? new PrefixSpec { Reference = reference, Length = prefixLength, Epochs = prefixEpochs, Contrast = contrast } : null,
            Reference = reference,
            Input = Path.GetFullPath(Path.Combine(dir, "candidates.jsonl")),
            Record = new RecordSpec { Id = "id", Text = "text" },
            Method = parsed,
            Selection = new SelectionSpec { Mode = SelectionMode.TopFraction, Fraction = Math.Max(1, positives) / (double)Math.Max(1, total) },
            Output = output,
            MaxTokens = maxTokens,
            WindowTokens = windowTokens,
            Seed = seed,
            Cascade = parsed == SelectionMethod.Lamdas && cascade ? new CascadeSpec() : null,
        };
    }

    private static void Print(Dictionary<(string, string), EvaluationResult> table, Dictionary<(string, string), double> seconds,
        IReadOnlyList<string> methods, IReadOnlyList<string> tasks)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("Precision@P (P = number of in-domain candidates) / AUROC");
        Console.WriteLine();
        Console.WriteLine("| method | " + string.Join(" | ", tasks) + " | mean P@P | mean AUROC |");
        Console.WriteLine("|---|" + string.Concat(tasks.Select(_ => "---|")) + "---|---|");
        foreach (var method in methods)
        {
            var cells = tasks.Select(t => table[(method, t)]).ToList();
            Console.WriteLine($"| {method} | " + string.Join(" | ", cells.Select(c => string.Format(inv, "{0:F3} / {1:F3}", c.PrecisionAtP, c.Auroc))) +
                string.Format(inv, " | {0:F3} | {1:F3} |", cells.Average(c => c.PrecisionAtP), cells.Average(c => c.Auroc)));
        }

        Console.WriteLine();
        Console.WriteLine("wall time per job (s): " + string.Join(", ", methods.Select(m =>
            $"{m} {tasks.Sum(t => seconds[(m, t)]).ToString("F0", inv)}")));
    }
}
