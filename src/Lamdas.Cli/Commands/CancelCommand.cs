using System.CommandLine;

namespace Lamdas.Cli.Commands;

/// <summary><c>cancel ID</c>: cancels a cluster job.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "job id (printed by submit)" };
        var reason = new Option<string?>("--reason") { Description = "why (recorded with the job)" };
        var server = new ServerOptions();
        var command = new Command("cancel", "Cancel a cluster job") { id, reason };
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var client = server.CreateClient(result);
            var status = await client.CancelAsync(result.GetValue(id)!, result.GetValue(reason), cancellation);
            Console.WriteLine($"{status.JobId}: {status.Phase}{(status.Message is null ? "" : $": {status.Message}")}");
            return 0;
        });
        return command;
    }
}
