using System.CommandLine;
using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;

namespace Lamdas.Cli.Commands;

/// <summary>
/// <c>score --model DIR --prefix DIR --input IN --output OUT [--tau 1.0]</c> →
/// {"id","tokens","logprob_base","logprob_prefix","score","score_per_token","selected"}.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var model = new Option<string>("--model") { Description = "Hugging Face model directory", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "domain prefix directory", Required = true };
        var input = new Option<string>("--input") { Description = "JSONL with id and text", Required = true };
        var output = new Option<string>("--output") { Description = "JSONL of scores", Required = true };
        var tau = new Option<double>("--tau") { Description = "keep a document when score > ln(tau)", DefaultValueFactory = _ => 1.0 };
        var scoring = new ScoringOptionSet();
        var command = new Command("score", "LAMDAS likelihood ratio log p(y|prefix) − log p(y) and the selection decision")
        {
            model, prefix, input, output, tau,
        };
        scoring.AddTo(command);
        scoring.AddWindowTo(command);
        common.AddTo(command);
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, Interrupted, async ct =>
        {
            var threshold = result.GetValue(tau);
            if (!(threshold > 0))
            {
                throw new CliException($"--tau must be > 0 (got {threshold})");
            }

            using var lm = LanguageModel.Load(result.GetValue(model)!, common.Read(result));
            using var domain = DomainPrefix.Load(result.GetValue(prefix)!, lm);
            var engine = new LogLikelihoodEngine(lm, scoring.Read(result));
            await using var writer = new Io.JsonlWriter(result.GetValue(output)!);
            long selected = 0;
            var report = await ScoringLoop.RunAsync(result.GetValue(input)!, engine,
                docs => engine.Score(docs, domain, cancellationToken: ct),
                (record, s) =>
                {
                    var keep = s.IsSelected(threshold);
                    selected += keep ? 1 : 0;
                    return writer.WriteAsync(w =>
                    {
                        w.WritePropertyName("id");
                        w.WriteRawValue(record.IdJson!);
                        w.WriteNumber("tokens", s.Tokens);
                        w.WriteNumber("logprob_base", s.LogProbBase);
                        w.WriteNumber("logprob_prefix", s.LogProbPrefix);
                        w.WriteNumber("score", s.Score);
                        w.WriteNumber("score_per_token", s.ScorePerToken);
                        w.WriteBoolean("selected", keep);
                    }, ct);
                },
                ct);
            await writer.CompleteAsync(ct);
            report.Summarise("scored");
            Console.Error.WriteLine($"selected {selected} of {report.Processed} (tau {threshold}, threshold ln tau = {Math.Log(threshold):G4})");
            return 0;
        }));
        return command;
    }

    /// <summary>What <c>score</c> and <c>logprob</c> print when Ctrl-C or SIGTERM stopped them.</summary>
    internal const string Interrupted = "interrupted: no output was written (it appears only when complete); run the command again to start over";
}
