using System.CommandLine;
using System.Globalization;

namespace Lamdas.Cli.Commands;

/// <summary><c>list</c>: the team's cluster jobs, newest first.</summary>
internal static class ListCommand
{
    private static readonly string[] Header = ["JOB", "PHASE", "SHARDS", "DOCUMENTS", "SELECTED", "SUBMITTED (UTC)"];

    public static Command Create()
    {
        var limit = new Option<int?>("--limit") { Description = "at most this many jobs (server default 100)" };
        var server = new ServerOptions();
        var command = new Command("list", "List your team's cluster jobs, newest first") { limit };
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var client = server.CreateClient(result);
            var jobs = await client.ListAsync(result.GetValue(limit), cancellation);
            if (jobs.Count == 0)
            {
                Console.WriteLine("no jobs");
                return 0;
            }

            var rows = new List<string[]> { Header };
            rows.AddRange(jobs.Select(job => new[]
            {
                job.JobId,
                job.Phase,
                $"{job.ShardsDone}/{job.ShardsTotal}",
                job.Documents.ToString(CultureInfo.InvariantCulture),
                RemoteJobText.Share(job.Selected, job.Documents),
                job.SubmittedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            }));
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join("  ", row.Select((cell, c) => c is 2 or 3 or 4 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
            }

            return 0;
        });
        return command;
    }
}
