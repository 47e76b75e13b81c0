using System.Globalization;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Spectre.Console;

namespace Lamdas.Cli.Commands;

/// <summary>Runs a job with a Spectre.Console progress display (or plain log lines).</summary>
internal static class JobConsole
{
    /// <summary>What <c>run</c> and <c>quickstart</c> print when Ctrl-C or SIGTERM stopped them.</summary>
    public const string Interrupted = "interrupted: completed shards are kept; run the same command again to resume";

    /// <summary>
    /// Runs the job in an in-process silo. Cancelling <paramref name="cancellation"/> (Ctrl-C, SIGTERM through
    /// <see cref="ConsoleInterrupt"/>) stops the work in hand within one optimiser step or batch, shuts the silo
    /// down and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<JobOutcome> RunAsync(JobSpec spec, string? labels, bool plain, CancellationToken cancellation)
    {
        try
        {
            var live = !plain && AnsiConsole.Profile.Capabilities.Interactive;
            JobOutcome outcome;
            if (live)
            {
                outcome = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("starting", maxValue: 1);
                        var runner = new Lamdas.Cluster.Hosting.EmbeddedJobRunner(spec, new JobRunnerOptions
                        {
                            Labels = labels,
                            Log = message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"),
                            Progress = p =>
                            {
                                task.MaxValue = Math.Max(1, p.BytesTotal);
                                task.Value = p.BytesDone + (p.ShardsDone < p.ShardsTotal ? 0 : 0);
                                task.Description = Describe(p);
                            },
                        });
                        var result = await runner.RunAsync(cancellation);
                        task.Value = task.MaxValue;
                        return result;
                    });
            }
            else
            {
                // A log, not a terminal: a line when something changed, at most every 30 s; phase changes at once.
                var throttle = new ProgressThrottle();
                JobProgress? latest = null;
                var runner = new Lamdas.Cluster.Hosting.EmbeddedJobRunner(spec, new JobRunnerOptions
                {
                    Labels = labels,
                    Log = Console.Error.WriteLine,
                    Progress = p =>
                    {
                        latest = p;
                        var line = Describe(p);
                        if (throttle.ShouldPrint(p.Phase, line))
                        {
                            Console.Error.WriteLine(line);
                        }
                    },
                });
                outcome = await runner.RunAsync(cancellation);
                if (latest is { } last && throttle.ShouldPrint(last.Phase, Describe(last), final: true))
                {
                    Console.Error.WriteLine(Describe(last));
                }
            }

            Console.WriteLine(outcome.Message);
            Console.WriteLine($"documents {outcome.Documents}, selected {outcome.Selected} ({Share(outcome.Selected, outcome.Documents)}), " +
                $"quarantined {outcome.Quarantined}, tokens {outcome.Tokens}, {outcome.Elapsed.TotalSeconds:F0} s");
            if (outcome.Cascade is { } pilot)
            {
                Console.WriteLine(CascadeText.Line(pilot, outcome.ModelDocuments, outcome.Documents));
            }
            Console.WriteLine($"output: {outcome.Output} (report: {Jobs.Running.JobPaths.Report(outcome.Output)})");
            if (labels is not null && outcome.Succeeded)
            {
                await PrintLabelsAsync(outcome.Output, labels, cancellation);
            }

            return outcome;
        }
        catch (JobFailedException e)
        {
            throw new CliException(e.Message);
        }
        catch (JobSpecException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Precision and recall of the selection against the labels, and where the selected documents come from.</summary>
    private static async Task PrintLabelsAsync(string output, string labels, CancellationToken ct)
    {
        var store = new Storage.ObjectStore();
        var rows = await ScoreFiles.ReadAllAsync(store, output, ct);
        var entries = await LabelFile.ReadEntriesAsync(store, labels, ct);
        var domains = LabelBreakdown.ByDomain(rows, entries);
        var (precision, recall) = LabelBreakdown.PrecisionRecall(domains);
        Console.WriteLine($"labels: {domains.Sum(d => d.Documents)} of {rows.Count} scored documents labelled");
        Console.WriteLine($"precision        {precision:F4}");
        Console.WriteLine($"recall           {recall:F4}");
        Console.Write(DomainTableText.Render(domains));
    }

    /// <summary>One progress line: the prefix training's epoch while the job prepares, otherwise the counts so far.</summary>
    internal static string Describe(JobProgress p) =>
        p.Phase == "preparing" && p.Prefix is { } prefix
            ? $"{p.Phase}: {PrefixText.Line(prefix)}"
            : p.Phase is "planning" or "preparing"
                ? p.Phase
                : $"{p.Phase} shards {p.ShardsDone}/{p.ShardsTotal}: {p.Documents} docs" +
                    (p.InFlightDocuments > 0 ? $" ({p.InFlightDocuments} in flight)" : "") +
                    (p.Phase == "scoring" ? string.Create(CultureInfo.InvariantCulture, $", {p.TokensPerSecond:F0} tok/s") : "") +
                    $", selected {Share(p.Selected, p.Documents)}";

    private static string Share(long part, long whole) =>
        whole == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1}%");
}
