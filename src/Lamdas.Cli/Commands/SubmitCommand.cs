using System.CommandLine;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Commands;

/// <summary><c>submit JOB.yaml --server URL --api-key KEY [--wait]</c>: sends a job to a cluster's API.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "job specification (YAML or JSON); paths must be absolute or storage URIs the cluster can reach" };
        var wait = new Option<bool>("--wait") { Description = "follow the job until it finishes (exit code 0 succeeded, 3 failed, 4 cancelled)" };
        var plain = new Option<bool>("--plain") { Description = "with --wait: log lines instead of the live progress display" };
        var server = new ServerOptions();
        var command = new Command("submit", "Submit a job to a Lamdas cluster and print its id") { job, wait, plain };
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            // Checked here first, so spec problems are reported without a round trip.
            var spec = JobSpecParser.ParseFile(result.GetValue(job)!);

            // A recurring job (the nightly CronJob) writes each run to its own folder: {date} in the output is the
            // submission's UTC date, {time} its UTC time.
            var now = DateTimeOffset.UtcNow;
            spec = spec with
            {
                Output = spec.Output
                    .Replace("{date}", now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{time}", now.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            };
            var body = JobFileJson.Write(spec);
            using var client = server.CreateClient(result);
            var status = await client.SubmitAsync(body, cancellation);
            Console.WriteLine(status.JobId);
            if (!result.GetValue(wait))
            {
                return 0;
            }

            return await RemoteJobWatcher.FollowAsync(client, status.JobId, result.GetValue(plain), cancellation);
        });
        return command;
    }
}
