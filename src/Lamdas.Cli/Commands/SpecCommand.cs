using System.CommandLine;
using Lamdas.Jobs.Spec.Schema;

namespace Lamdas.Cli.Commands;

/// <summary><c>spec schema</c>: the JSON Schema of a job file (docs/job-spec.schema.json), for editors and CI checks.</summary>
internal static class SpecCommand
{
    public static Command Create()
    {
        var command = new Command("spec", "Job specification tools");
        command.Subcommands.Add(CreateSchema());
        return command;
    }

    private static Command CreateSchema()
    {
        var command = new Command("schema", "Print the job file's JSON Schema (draft 2020-12) with the default limits: lamdas spec schema > docs/job-spec.schema.json");
        command.SetAction(_ =>
        {
            Console.Out.Write(JobSpecSchema.DocumentText());
            return 0;
        });
        return command;
    }
}
