using System.CommandLine;
using System.Globalization;
using Lamdas.Benchmarks;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>bench cost --tasks DIR | --job FILE [--labels FILE]</c>: the plain, windowed and cascade jobs over the same corpus,
/// with what each cost per candidate token and how well it selected.
/// </summary>
internal static class CostBenchCommand
{
    public static Command Create()
    {
        var tasks = new Option<string?>("--tasks") { Description = "folder of task folders (reference.jsonl, candidates.jsonl, labels.jsonl)" };
        var job = new Option<string?>("--job") { Description = "a LAMDAS job file to run the ways instead of task folders" };
        var labels = new Option<string?>("--labels") { Description = "labels for --job (JSONL with id and in_domain)" };
        var model = new Option<string>("--model") { Description = "model directory for --tasks", DefaultValueFactory = _ => "models/lamdas-tiny" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "--tasks: truncate documents to N tokens", DefaultValueFactory = _ => 256 };
        var window = new Option<int>("--window-tokens") { Description = "window of the windowed runs", DefaultValueFactory = _ => WindowDefaults.Tokens };
        var configs = new Option<string>("--configs")
        {
            Description = "comma-separated runs: plain, windowed, cascade, cascade+windowed",
            DefaultValueFactory = _ => "plain,windowed,cascade,cascade+windowed",
        };
        var pilot = new Option<int?>("--pilot") { Description = "cascade pilot documents (default: the job's, else 10000)" };
        var maxPilot = new Option<int?>("--max-pilot") { Description = "most documents the pilot grows to" };
        var recall = new Option<double?>("--recall") { Description = "cascade recall target (default: the job's, else 0.9)" };
        var confidence = new Option<double?>("--confidence") { Description = "confidence of the recall's lower bound (default 0.95)" };
        var output = new Option<string>("--output") { Description = "folder for the runs' outputs", DefaultValueFactory = _ => "out/bench-cost" };
        var resume = new Option<bool>("--resume") { Description = "read back the runs an earlier invocation finished in --output instead of running them again" };
        var command = new Command("cost", "Run plain, windowed and cascade LAMDAS over the same corpus: wall time, LLM tokens and FLOPs per candidate token, precision@P")
        {
            tasks, job, labels, model, maxTokens, window, configs, pilot, maxPilot, recall, confidence, output, resume,
        };
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, BenchCommand.Interrupted, async ct =>
        {
            var windowTokens = result.GetValue(window);
            var all = CostConfiguration.All(windowTokens);
            var chosen = result.GetValue(configs)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => all.FirstOrDefault(c => c.Name == n) ?? throw new CliException($"--configs: unknown run '{n}' (plain, windowed, cascade, cascade+windowed)"))
                .ToList();
            var corpora = new List<(string Name, JobSpec Spec, string? Labels)>();
            if (result.GetValue(job) is { } jobFile)
            {
                corpora.Add((Path.GetFileNameWithoutExtension(jobFile), JobSpecParser.ParseFile(jobFile), result.GetValue(labels)));
            }
            else if (result.GetValue(tasks) is { } root)
            {
                var dirs = Directory.Exists(root)
                    ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "labels.jsonl"))).Order(StringComparer.Ordinal).ToList()
                    : [];
                if (dirs.Count == 0)
                {
                    throw new CliException($"--tasks {root}: no task folders with reference.jsonl, candidates.jsonl and labels.jsonl");
                }

                foreach (var dir in dirs)
                {
                    var task = Path.GetFileName(dir);
                    var spec = QualityBenchCommand.Spec(task, dir, "lamdas", result.GetValue(model)!, result.GetValue(maxTokens), windowTokens, 30, 10, null,
                        Path.GetFullPath(Path.Combine(result.GetValue(output)!, task)), 0, cascade: true);
                    corpora.Add((task, spec, Path.Combine(dir, "labels.jsonl")));
                }
            }
            else
            {
                throw new CliException("give --tasks DIR or --job FILE");
            }

            var table = new List<(string Corpus, IReadOnlyList<CostRow> Rows)>();
            foreach (var (name, baseSpec, labelFile) in corpora)
            {
                var defaults = baseSpec.Cascade ?? new CascadeSpec();
                var cascade = defaults with
                {
                    PilotDocuments = result.GetValue(pilot) ?? defaults.PilotDocuments,
                    MaxPilotDocuments = result.GetValue(maxPilot) ?? Math.Max(result.GetValue(pilot) ?? 0, defaults.MaxPilotDocuments),
                    Recall = result.GetValue(recall) ?? defaults.Recall,
                    Confidence = result.GetValue(confidence) ?? defaults.Confidence,
                };
                Console.Error.WriteLine($"== {name}");
                var rows = await CostBenchmark.RunAsync(baseSpec with { Cascade = cascade, Reference = baseSpec.Reference ?? baseSpec.Prefix?.Reference }, chosen,
                    labelFile, Path.Combine(result.GetValue(output)!, name), m => Console.Error.WriteLine("   " + m), ct, result.GetValue(resume));
                table.Add((name, rows));
                Print(name, rows);
            }

            if (table.Count > 1)
            {
                PrintMeans(table);
            }

            return 0;
        }));
        return command;
    }

    private static void Print(string corpus, IReadOnlyList<CostRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var basis = rows[0];
        Console.WriteLine();
        Console.WriteLine(string.Format(inv, "{0}: {1:N0} documents, {2:N0} candidate tokens", corpus, basis.Documents, basis.CandidateTokens));
        Console.WriteLine($"| run | wall s | LLM documents | LLM tokens / cand. token | GFLOP / cand. token | FLOPs × {basis.Configuration.Name} | precision@P | AUROC | recall of the view's plain selection |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Format(inv, "| {0} | {1} | {2:N0} ({3:P1}) | {4:F3} | {5:F4} | {6:F3} | {7} | {8} | {9} |",
                r.Configuration.Name, double.IsNaN(r.Seconds) ? "—" : r.Seconds.ToString("F0", inv), r.ModelDocuments, (double)r.ModelDocuments / Math.Max(1, r.Documents), r.ModelTokensPerCandidateToken,
                r.FlopsPerCandidateToken / 1e9, r.Flops / basis.Flops,
                r.Evaluation is { } e ? e.PrecisionAtP.ToString("F3", inv) : "—",
                r.Evaluation is { } a ? a.Auroc.ToString("F3", inv) : "—",
                r.SelectionRecall is { } s ? s.ToString("P1", inv) : "—"));
        }

        foreach (var r in rows.Where(r => r.Pilot is not null))
        {
            Console.WriteLine($"  {r.Configuration.Name}: {r.Pilot!.Describe()}");
        }

        foreach (var r in rows.Where(r => r.Curve.Count > 0))
        {
            Console.WriteLine(r.Configuration.Cascade
                ? $"  {r.Configuration.Name} over the whole corpus (the cut that keeps a share of {r.Configuration.Baseline}'s selection, point estimate):"
                : $"  {r.Configuration.Name} with its cascade over the whole corpus (first stage run alone; the cut that keeps a share of {r.Configuration.Name}'s selection, point estimate):");
            Console.WriteLine("  | recall target | recall | pass rate | precision@P | AUROC |");
            Console.WriteLine("  |---|---|---|---|---|");
            foreach (var p in r.Curve)
            {
                Console.WriteLine(string.Format(inv, "  | {0:G4} | {1:P1} | {2:P1} | {3} | {4} |", p.Target, p.Recall, p.PassRate,
                    p.Evaluation is { } e ? e.PrecisionAtP.ToString("F3", inv) : "—", p.Evaluation is { } a ? a.Auroc.ToString("F3", inv) : "—"));
            }
        }

        PrintSimulations(rows);
    }

    private static void PrintSimulations(IReadOnlyList<CostRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in rows)
        {
            foreach (var s in r.Simulations)
            {
                Console.WriteLine(string.Format(inv,
                    "  {0}, a pilot of {1:N0} (max {2:N0}) for recall {3:G4} at {4:P0} drawn {5} times from this corpus: mean pilot {6:N0}, pass rate {7:P1}, "
                    + "realised recall {8:P2} (lowest {9:P2}; {10:P0} of draws at or above the target), no cut in {11:P0}",
                    r.Configuration.Name, s.Spec.PilotDocuments, s.Spec.MaxPilotDocuments, s.Spec.Recall, s.Spec.Confidence, s.Draws, s.MeanPilotDocuments,
                    s.MeanPassRate, s.MeanRecall, s.MinRecall, s.Coverage, s.NoCutShare));
            }
        }
    }

    private static void PrintMeans(List<(string Corpus, IReadOnlyList<CostRow> Rows)> table)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("mean over the corpora");
        Console.WriteLine("| run | LLM share of documents | LLM tokens / cand. token | FLOPs × first run | precision@P | AUROC |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var name in table[0].Rows.Select(r => r.Configuration.Name))
        {
            var rows = table.Select(t => (Row: t.Rows.First(r => r.Configuration.Name == name), Basis: t.Rows[0])).ToList();
            var evaluated = rows.Where(x => x.Row.Evaluation is not null).ToList();
            Console.WriteLine(string.Format(inv, "| {0} | {1:P1} | {2:F3} | {3:F3} | {4} | {5} |", name,
                rows.Average(x => (double)x.Row.ModelDocuments / Math.Max(1, x.Row.Documents)),
                rows.Average(x => x.Row.ModelTokensPerCandidateToken),
                rows.Average(x => x.Row.Flops / x.Basis.Flops),
                evaluated.Count == 0 ? "—" : evaluated.Average(x => x.Row.Evaluation!.PrecisionAtP).ToString("F3", inv),
                evaluated.Count == 0 ? "—" : evaluated.Average(x => x.Row.Evaluation!.Auroc).ToString("F3", inv)));
        }
    }
}
