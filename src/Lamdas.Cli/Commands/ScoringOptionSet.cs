using System.CommandLine;
using Lamdas.Engine.Scoring;

namespace Lamdas.Cli.Commands;

/// <summary>--max-tokens and --batch-tokens.</summary>
internal sealed class ScoringOptionSet
{
    public Option<int> MaxTokens { get; } = new("--max-tokens") { Description = "truncate each document to its first N tokens", DefaultValueFactory = _ => 1024 };

    public Option<int> BatchTokens { get; } = new("--batch-tokens") { Description = "padded tokens per forward batch", DefaultValueFactory = _ => 8192 };

    public void AddTo(Command command)
    {
        command.Options.Add(MaxTokens);
        command.Options.Add(BatchTokens);
    }

    public ScoringOptions Read(ParseResult result) => new()
    {
        MaxTokens = result.GetValue(MaxTokens),
        BatchTokens = result.GetValue(BatchTokens),
    };
}
