using System.CommandLine;
using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;

namespace Lamdas.Cli.Commands;

/// <summary><c>logprob --model DIR [--prefix DIR] --input IN --output OUT [--max-tokens N]</c> → {"id","tokens","logprob"}.</summary>
internal static class LogProbCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var model = new Option<string>("--model") { Description = "Hugging Face model directory", Required = true };
        var prefix = new Option<string?>("--prefix") { Description = "domain prefix directory (prefix.safetensors + prefix.json)" };
        var input = new Option<string>("--input") { Description = "JSONL with id and text", Required = true };
        var output = new Option<string>("--output") { Description = "JSONL of {id, tokens, logprob}", Required = true };
        var scoring = new ScoringOptionSet();
        var command = new Command("logprob", "log p(y) of each document, optionally conditioned on a domain prefix")
        {
            model, prefix, input, output,
        };
        scoring.AddTo(command);
        common.AddTo(command);
        command.SetAction((result, cancellation) => ConsoleInterrupt.RunAsync(cancellation, ScoreCommand.Interrupted, async ct =>
        {
            using var lm = LanguageModel.Load(result.GetValue(model)!, common.Read(result));
            var prefixDir = result.GetValue(prefix);
            using var domain = prefixDir is null ? null : DomainPrefix.Load(prefixDir, lm);
            var engine = new LogLikelihoodEngine(lm, scoring.Read(result));
            await using var writer = new Io.JsonlWriter(result.GetValue(output)!);
            var report = await ScoringLoop.RunAsync(result.GetValue(input)!, engine,
                docs => engine.LogProbs(docs, domain, cancellationToken: ct),
                (record, r) => writer.WriteAsync(w =>
                {
                    w.WritePropertyName("id");
                    w.WriteRawValue(record.IdJson!);
                    w.WriteNumber("tokens", r.Tokens);
                    w.WriteNumber("logprob", r.LogProb);
                    w.WriteNumber("logprob_per_token", r.MeanPerToken);
                }, ct),
                ct);
            await writer.CompleteAsync(ct);
            report.Summarise("scored");
            return 0;
        }));
        return command;
    }
}
