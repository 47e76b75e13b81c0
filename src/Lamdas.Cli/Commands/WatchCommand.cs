using System.CommandLine;

namespace Lamdas.Cli.Commands;

/// <summary><c>watch ID</c>: live progress of a cluster job until it finishes.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "job id (printed by submit)" };
        var plain = new Option<bool>("--plain") { Description = "log lines instead of the live progress display" };
        var server = new ServerOptions();
        var command = new Command("watch", "Follow a cluster job until it finishes (exit code 0 succeeded, 3 failed, 4 cancelled)") { id, plain };
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var client = server.CreateClient(result);
            return await RemoteJobWatcher.FollowAsync(client, result.GetValue(id)!, result.GetValue(plain), cancellation);
        });
        return command;
    }
}
