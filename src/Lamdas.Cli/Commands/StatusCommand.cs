using System.CommandLine;

namespace Lamdas.Cli.Commands;

/// <summary><c>status ID</c>: a cluster job's current status.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "job id (printed by submit)" };
        var server = new ServerOptions();
        var command = new Command("status", "Show a cluster job's status") { id };
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var client = server.CreateClient(result);
            var status = await client.GetAsync(result.GetValue(id)!, cancellation);
            RemoteJobText.PrintStatus(status, client.JobUrl(status.JobId));
            return 0;
        });
        return command;
    }
}
