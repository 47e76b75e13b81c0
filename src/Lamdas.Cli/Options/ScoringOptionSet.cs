using System.CommandLine;
using Lamdas.Engine.Scoring;

namespace Lamdas.Cli.Commands;

/// <summary>--max-tokens and --batch-tokens (and --window-tokens where the LAMDAS score is computed).</summary>
internal sealed class ScoringOptionSet
{
    public Option<int> MaxTokens { get; } = new("--max-tokens") { Description = "truncate each document to its first N tokens", DefaultValueFactory = _ => 1024 };

    public Option<int> BatchTokens { get; } = new("--batch-tokens") { Description = "padded tokens per forward batch", DefaultValueFactory = _ => 8192 };

    /// <summary>Only for commands that compute the LAMDAS score (see <see cref="AddWindowTo"/>).</summary>
    public Option<int?> WindowTokens { get; } = new("--window-tokens")
    {
        Description = "also score each document in windows of N tokens from a fresh start and add that view's log-ratio "
            + $"(0 = whole context only; default {Lamdas.Jobs.Spec.WindowDefaults.Tokens} when --max-tokens is larger, else 0)",
    };

    private bool _window;

    public void AddTo(Command command)
    {
        command.Options.Add(MaxTokens);
        command.Options.Add(BatchTokens);
    }

    public void AddWindowTo(Command command)
    {
        command.Options.Add(WindowTokens);
        _window = true;
    }

    public ScoringOptions Read(ParseResult result)
    {
        var maxTokens = result.GetValue(MaxTokens);
        var windowTokens = 0;
        if (_window)
        {
            windowTokens = WindowFor(result.GetValue(WindowTokens), maxTokens);
        }

        return new ScoringOptions
        {
            MaxTokens = maxTokens,
            BatchTokens = result.GetValue(BatchTokens),
            WindowTokens = windowTokens,
        };
    }

    /// <summary>--window-tokens as given, or the default for <paramref name="maxTokens"/>; refused outside the scored length.</summary>
    public static int WindowFor(int? given, int maxTokens)
    {
        var windowTokens = given ?? Lamdas.Jobs.Spec.WindowDefaults.For(maxTokens);
        if (!Lamdas.Jobs.Spec.WindowDefaults.IsValid(windowTokens, maxTokens))
        {
            throw new CliException($"--window-tokens must be 0 (whole context only) or between 1 and --max-tokens − 1 ({maxTokens - 1}); got {windowTokens}");
        }

        return windowTokens;
    }
}
