using System.CommandLine;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary><c>quickstart</c>: the bundled example selection job (examples/quickstart/job.yaml) end to end.</summary>
internal static class QuickstartCommand
{
    private const int SampleMaxTokens = 64;
    private const int SampleReferenceDocuments = 10;
    private const int SampleCandidates = 200;

    public static Command Create()
    {
        var plain = new Option<bool>("--plain") { Description = "log lines instead of the live progress display" };
        var sample = new Option<bool>("--sample")
        {
            Description = $"a quick run on a sample: a prefix trained for one epoch on the first {SampleReferenceDocuments} reference files, "
                + $"then the first {SampleCandidates} candidates scored on their first {SampleMaxTokens} tokens",
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
            if (result.GetValue(sample) && spec.Prefix?.Reference is not null)
            {
                spec = Sample(spec);
                Console.WriteLine($"quickstart: a sample run: a prefix trained for {spec.Prefix!.Epochs} epoch on {SampleReferenceDocuments} reference files, "
                    + $"{SampleCandidates} candidates scored on {spec.MaxTokens} tokens each");
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
            Console.WriteLine($"selected share   {(double)outcome.Selected / Math.Max(1, outcome.Documents):P1} ({outcome.Selected} of {outcome.Documents} documents; the candidates hold {evaluation.Positives} Python documents)");
            Console.WriteLine($"AUROC            {evaluation.Auroc:F3}");
            Console.WriteLine($"report           {Path.GetFullPath(JobPaths.Report(spec.Output))}");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The example on its first candidates, cut shorter, with a prefix trained for one epoch on its first reference
    /// files; the samples are written to out/quickstart-sample/, beside the job's output.
    /// </summary>
    private static JobSpec Sample(JobSpec spec)
    {
        var folder = Directory.CreateDirectory(Path.Combine("out", "quickstart-sample")).FullName;
        var reference = Path.Combine(folder, "reference.jsonl");
        File.WriteAllLines(reference, File.ReadLines(spec.Prefix!.Reference!).Where(l => l.Length > 0).Take(SampleReferenceDocuments));
        var candidates = Path.Combine(folder, "candidates.jsonl");
        using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine("examples", "quickstart", "candidates", "part-000.jsonl.gz")),
                   System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            File.WriteAllLines(candidates, ReadLines(reader).Where(l => l.Length > 0).Take(SampleCandidates));
        }

        return spec with
        {
            Input = candidates,
            MaxTokens = Math.Min(spec.MaxTokens, SampleMaxTokens),
            Prefix = spec.Prefix with { Reference = reference, Epochs = 1 },
        };
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

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
