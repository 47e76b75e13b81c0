using System.CommandLine;
using Lamdas.Engine.Model;
using Lamdas.SafeTensors;
using Lamdas.Tokenization;

namespace Lamdas.Cli.Commands;

/// <summary><c>model init --config qwen2.5-0.5b|tiny|PATH.json --tokenizer DIR --output DIR [--seed N]</c>.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Model tools");
        command.Subcommands.Add(CreateInit());
        return command;
    }

    private static Command CreateInit()
    {
        var config = new Option<string>("--config") { Description = "preset (qwen2.5-0.5b, tiny) or a config.json path", Required = true };
        var tokenizer = new Option<string>("--tokenizer") { Description = "directory with tokenizer.json or vocab.json + merges.txt", Required = true };
        var output = new Option<string>("--output") { Description = "model directory to write", Required = true };
        var seed = new Option<long>("--seed") { Description = "random seed", DefaultValueFactory = _ => 0 };
        var dtype = new Option<string>("--weights-dtype") { Description = "stored weight dtype: float32, bfloat16 or float16", DefaultValueFactory = _ => "float32" };
        var command = new Command("init", "Write a randomly initialised model in Hugging Face layout") { config, tokenizer, output, seed, dtype };
        command.SetAction(result =>
        {
            var tokenizerDir = result.GetValue(tokenizer)!;
            ITextTokenizer tok;
            try
            {
                tok = TokenizerLoader.Load(tokenizerDir);
            }
            catch (TokenizerException e)
            {
                throw new CliException(e.Message);
            }

            var stored = result.GetValue(dtype) switch
            {
                "float32" or "fp32" => SafeTensorDType.F32,
                "bfloat16" or "bf16" => SafeTensorDType.BF16,
                "float16" or "fp16" => SafeTensorDType.F16,
                var other => throw new CliException($"--weights-dtype {other}: expected float32, bfloat16 or float16"),
            };
            var json = ModelPresets.Resolve(result.GetValue(config)!, tok);
            var outputDir = result.GetValue(output)!;
            ModelInitializer.Create(json, tokenizerDir, outputDir, result.GetValue(seed), stored);
            var parsed = ModelConfig.Parse(json, "config");
            Console.WriteLine($"wrote {outputDir}: {parsed.Architecture}, {parsed.NumHiddenLayers} layers, hidden {parsed.HiddenSize}, vocab {parsed.VocabSize}");
            return 0;
        });
        return command;
    }
}
