using System.CommandLine;
using Lamdas.Cli;
using Lamdas.Cli.Commands;
using Lamdas.Engine;

var root = new RootCommand("lamdas: LAMDAS domain-specific data selection with a frozen causal LM and a learned domain prefix");
root.Subcommands.Add(QuickstartCommand.Create());
root.Subcommands.Add(TokenizeCommand.Create());
root.Subcommands.Add(LogProbCommand.Create());
root.Subcommands.Add(PrefixCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(ModelCommand.Create());
root.Subcommands.Add(PretrainCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(WatchCommand.Create());
root.Subcommands.Add(CancelCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(HashKeyCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(SpecCommand.Create());

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,

        // Commands handle Ctrl-C and SIGTERM themselves (run stops after the current batch; serve drains its silo),
        // which can take longer than a fixed termination timeout.
        ProcessTerminationTimeout = null,
    });
}
catch (CliException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
catch (Exception e) when (e is EngineException or Lamdas.Jobs.Spec.JobSpecException
    or Lamdas.Jobs.Running.JobFailedException or Lamdas.Storage.StorageException or Lamdas.Tokenization.TokenizerException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
