using System.CommandLine;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary><c>quickstart</c>: the bundled example selection job (examples/quickstart/job.yaml) end to end.</summary>
internal static class QuickstartCommand
{
    private const int SampleMaxTokens = 64;

    public static Command Create()
    {
        var plain = new Option<bool>("--plain") { Description = "log lines instead of the live progress display" };
        var sample = new Option<bool>("--sample")
        {
            Description = "a quick run on a sample: the first candidate file only, one epoch of prefix training and the first 64 tokens of each document",
        };
        var command = new Command("quickstart", "Run the bundled example: keep the Python code in a mixed-domain corpus") { plain, sample };
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, JobConsole.Interrupted, async ct =>
        {
            var root = FindRoot();
            Directory.SetCurrentDirectory(root);
            var job = Path.Combine("examples", "quickstart", "job.yaml");
            var labels = Path.Combine("examples", "quickstart", "labels.jsonl");
            Console.WriteLine($"quickstart: running {job} with the bundled model models/lamdas-tiny");
            var spec = JobSpecParser.ParseFile(job);
            if (result.GetValue(sample))
            {
                spec = Sample(spec);
                Console.WriteLine($"quickstart: a sample run on {spec.Input}, {spec.Prefix?.Epochs} epoch(s) of prefix training, {spec.MaxTokens} tokens per document");
            }

            // The example runs afresh each time: an earlier run's prefix and scores may come from another model.
            if (Directory.Exists(spec.Output))
            {
                Directory.Delete(spec.Output, recursive: true);
            }

            var outcome = await JobConsole.RunAsync(spec, labels, result.GetValue(plain), ct);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine($"quickstart: the job failed; see the messages above and {Path.GetFullPath(spec.Output)}");
                return 3;
            }

            var evaluation = await ScoreEvaluation.EvaluateAsync(new Storage.ObjectStore(), spec.Output, labels, ct);
            Console.WriteLine();
            Console.WriteLine($"selected share   {(double)outcome.Selected / Math.Max(1, outcome.Documents):P1} ({outcome.Selected} of {outcome.Documents} documents; {evaluation.Positives} are Python)");
            Console.WriteLine($"precision        {evaluation.SelectedPrecision:P1}");
            Console.WriteLine($"recall           {evaluation.SelectedRecall:P1}");
            Console.WriteLine($"AUROC            {evaluation.Auroc:F3}");
            Console.WriteLine($"report           {Path.GetFullPath(JobPaths.Report(spec.Output))}");
            return 0;
        }));
        return command;
    }

    /// <summary>The example on its first candidate file, with one training epoch and shorter documents.</summary>
    internal static JobSpec Sample(JobSpec spec) => spec with
    {
        Input = Path.Combine("examples", "quickstart", "candidates", "part-000.jsonl.gz"),
        MaxTokens = Math.Min(spec.MaxTokens, SampleMaxTokens),
        Prefix = spec.Prefix is null ? null : spec.Prefix with { Epochs = 1 },
    };

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "examples", "quickstart", "job.yaml")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new CliException("examples/quickstart/job.yaml not found; run quickstart from the repository");
    }
}
