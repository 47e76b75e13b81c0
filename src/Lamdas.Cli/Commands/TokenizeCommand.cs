using System.CommandLine;
using Lamdas.Cli.Io;
using Lamdas.Tokenization;

namespace Lamdas.Cli.Commands;

/// <summary><c>tokenize --model DIR --input IN.jsonl --output OUT.jsonl</c> → {"id","ids"}.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model directory (its tokenizer files are used)", Required = true };
        var input = new Option<string>("--input") { Description = "JSONL with id and text (.gz accepted; - for stdin)", Required = true };
        var output = new Option<string>("--output") { Description = "JSONL of {id, ids} (- for stdout)", Required = true };
        var command = new Command("tokenize", "Token ids of each document (plain text: no special tokens added or parsed)")
        {
            model, input, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            ITextTokenizer tokenizer;
            try
            {
                tokenizer = TokenizerLoader.Load(result.GetValue(model)!);
            }
            catch (TokenizerException e)
            {
                throw new CliException(e.Message);
            }

            var report = new RecordReport();
            await using var writer = new JsonlWriter(result.GetValue(output)!);
            await foreach (var chunk in DocumentPipeline.Run(result.GetValue(input)!, t => [.. tokenizer.Encode(t)], 1024, cancellation))
            {
                for (var i = 0; i < chunk.Records.Count; i++)
                {
                    var record = chunk.Records[i];
                    if (!record.IsValid)
                    {
                        report.Reject(record);
                        continue;
                    }

                    var ids = chunk.Ids[i]!;
                    await writer.WriteAsync(w =>
                    {
                        w.WritePropertyName("id");
                        w.WriteRawValue(record.IdJson!);
                        w.WriteStartArray("ids");
                        foreach (var id in ids)
                        {
                            w.WriteNumberValue(id);
                        }

                        w.WriteEndArray();
                    }, cancellation);
                    report.Ok();
                }
            }

            await writer.CompleteAsync(cancellation);
            report.Summarise("tokenized");
            return 0;
        });
        return command;
    }
}
