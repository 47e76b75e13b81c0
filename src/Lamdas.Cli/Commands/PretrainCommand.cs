using System.CommandLine;
using Lamdas.Engine.Training;
using Lamdas.SafeTensors;

namespace Lamdas.Cli.Commands;

/// <summary><c>pretrain --corpus CORPUS.jsonl[.gz] --config tiny.json --output DIR</c>: train a model from scratch.</summary>
internal static class PretrainCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "training text, JSONL with id and text (.gz accepted)", Required = true };
        var config = new Option<string>("--config") { Description = "model config: preset (tiny) or a config.json path", Required = true };
        var output = new Option<string>("--output") { Description = "model directory to write (checkpoints go to OUTPUT/checkpoint)", Required = true };
        var tokenizer = new Option<string>("--tokenizer") { Description = "tokenizer directory (tokenizer.json or vocab.json + merges.txt)", Required = true };
        var steps = new Option<int>("--steps") { Description = "optimizer steps", DefaultValueFactory = _ => 2000 };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "tokens per step", DefaultValueFactory = _ => 4096 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "truncate documents to N tokens", DefaultValueFactory = _ => 384 };
        var lr = new Option<double>("--lr") { Description = "peak learning rate", DefaultValueFactory = _ => 2e-3 };
        var warmup = new Option<int>("--warmup") { Description = "linear warm-up steps", DefaultValueFactory = _ => 100 };
        var minLr = new Option<double>("--min-lr-ratio") { Description = "final learning rate as a share of the peak (cosine)", DefaultValueFactory = _ => 0.1 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<long>("--seed") { Description = "random seed", DefaultValueFactory = _ => 0 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => 100 };
        var evalEvery = new Option<int>("--eval-every") { Description = "steps between held-out evaluations", DefaultValueFactory = _ => 250 };
        var validation = new Option<double>("--validation-fraction") { Description = "share of documents held out", DefaultValueFactory = _ => 0.01 };
        var dtype = new Option<string>("--weights-dtype") { Description = "stored dtype of the final weights: bfloat16, float16 or float32", DefaultValueFactory = _ => "bfloat16" };
        var temperature = new Option<double>("--domain-temperature")
        {
            Description = "sample domain d (the corpus's \"domain\" field) with probability ∝ n_d^(1/T); 1 = in proportion",
            DefaultValueFactory = _ => 1.0,
        };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var command = new Command("pretrain", "Train a Qwen2-architecture model from scratch (AdamW, warm-up + cosine, checkpoints, resume)")
        {
            corpus, config, output, tokenizer, steps, batchTokens, maxTokens, lr, warmup, minLr, weightDecay, seed, checkpointEvery,
            evalEvery, validation, temperature, dtype, threads,
        };
        command.SetAction((result, cancellation) => Task.FromResult(ConsoleInterrupt.Run(cancellation, Interrupted, ct =>
        {
            var options = new PretrainOptions
            {
                Corpus = result.GetValue(corpus)!,
                ConfigPath = result.GetValue(config)!,
                TokenizerDirectory = result.GetValue(tokenizer)!,
                Output = result.GetValue(output)!,
                Steps = result.GetValue(steps),
                BatchTokens = result.GetValue(batchTokens),
                MaxTokens = result.GetValue(maxTokens),
                LearningRate = result.GetValue(lr),
                WarmupSteps = result.GetValue(warmup),
                MinLearningRateRatio = result.GetValue(minLr),
                WeightDecay = result.GetValue(weightDecay),
                Seed = result.GetValue(seed),
                CheckpointEvery = result.GetValue(checkpointEvery),
                EvaluateEvery = result.GetValue(evalEvery),
                ValidationFraction = result.GetValue(validation),
                DomainTemperature = result.GetValue(temperature),
                Threads = result.GetValue(threads),
                WeightsDType = result.GetValue(dtype) switch
                {
                    "bfloat16" or "bf16" => SafeTensorDType.BF16,
                    "float16" or "fp16" => SafeTensorDType.F16,
                    "float32" or "fp32" => SafeTensorDType.F32,
                    var other => throw new CliException($"--weights-dtype {other}: expected bfloat16, float16 or float32"),
                },
            };
            Directory.CreateDirectory(options.Output);
            var commandLine = "./lamdas " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            var trainer = new Pretrainer(options) { Log = Console.Error.WriteLine, OpenCorpus = Io.InputFiles.OpenDecoded };

            // A stopped run saves a checkpoint after the step in hand and says so ("stopped at step N; re-run …").
            var run = trainer.Run(commandLine, ct);
            if (!run.Completed)
            {
                return ConsoleInterrupt.ExitCode;
            }

            Console.WriteLine($"model written to {options.Output}: {run.Steps} steps, {run.TokensSeen} tokens, held-out loss {run.HeldOutLoss:F4}");
            return 0;
        })));
        return command;
    }

    /// <summary>Printed if a signal's cancellation escapes the trainer (it normally stops at a checkpoint and says so).</summary>
    private const string Interrupted = "interrupted; run the same command again to resume from the last checkpoint";
}
