using System.CommandLine;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>run JOB.yaml</c>: a whole selection job on this machine, with a live progress display. The first Ctrl-C or
/// SIGTERM stops it within one optimiser step or batch; it exits 130 and a re-run resumes.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "job specification (YAML or JSON)" };
        var labels = new Option<string?>("--labels") { Description = "labels JSONL ({id, in_domain}) to report selected precision/recall" };
        var maxBad = new Option<double?>("--max-bad-fraction") { Description = "fail when more than this share of records is malformed (overrides the spec; default 0.01)" };
        var plain = new Option<bool>("--plain") { Description = "log lines instead of the live progress display" };
        var command = new Command("run", "Run a selection job: train or load the prefix, score the input shards, select, write outputs and report")
        {
            job, labels, maxBad, plain,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var spec = JobSpecParser.ParseFile(result.GetValue(job)!);
            if (result.GetValue(maxBad) is { } fraction)
            {
                if (fraction is < 0 or > 1)
                {
                    throw new CliException("--max-bad-fraction must be between 0 and 1");
                }

                spec = spec with { MaxBadFraction = fraction };
            }

            return await ConsoleInterrupt.RunAsync(cancellation, JobConsole.Interrupted, async ct =>
            {
                var outcome = await JobConsole.RunAsync(spec, result.GetValue(labels), result.GetValue(plain), ct);
                return outcome.Succeeded ? 0 : 3;
            });
        });
        return command;
    }
}
