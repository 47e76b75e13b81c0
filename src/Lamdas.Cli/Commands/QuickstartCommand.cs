using System.CommandLine;

namespace Lamdas.Cli.Commands;

/// <summary><c>quickstart</c>: the end-to-end selection job on the bundled example.</summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var command = new Command("quickstart", "Run the bundled example selection job end to end");
        command.SetAction(_ =>
        {
            Console.WriteLine("quickstart: not yet available — the bundled default model and example job are not part of this build yet.");
            Console.WriteLine("Available now: tokenize, logprob, prefix train, score, model init, bench throughput (see README.md).");
            return 0;
        });
        return command;
    }
}
