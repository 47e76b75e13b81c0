using System.CommandLine;
using System.Security.Cryptography;
using Lamdas.Cli.Io;
using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Training;

namespace Lamdas.Cli.Commands;

/// <summary><c>prefix train --model DIR --reference REF.jsonl --output DIR [--length 30] [--epochs N] [--lr X] [--seed N]</c>.</summary>
internal static class PrefixCommand
{
    public static Command Create()
    {
        var command = new Command("prefix", "Domain prefix tools");
        command.Subcommands.Add(CreateTrain());
        return command;
    }

    private static Command CreateTrain()
    {
        var defaults = new PrefixTrainingOptions();
        var common = new CommonOptions();
        var model = new Option<string>("--model") { Description = "Hugging Face model directory (frozen)", Required = true };
        var reference = new Option<string>("--reference") { Description = "reference documents, JSONL with id and text", Required = true };
        var output = new Option<string>("--output") { Description = "prefix directory to write", Required = true };
        var length = new Option<int>("--length") { Description = "prefix positions P", DefaultValueFactory = _ => defaults.Length };
        var epochs = new Option<int>("--epochs") { Description = "maximum epochs", DefaultValueFactory = _ => defaults.MaxEpochs };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<long>("--seed") { Description = "random seed (split, order)", DefaultValueFactory = _ => defaults.Seed };
        var validation = new Option<double>("--validation-fraction") { Description = "held-out share of the reference set", DefaultValueFactory = _ => defaults.ValidationFraction };
        var patience = new Option<int>("--patience") { Description = "early-stop after N epochs without improvement", DefaultValueFactory = _ => defaults.Patience };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => defaults.WeightDecay };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "padded tokens per training batch", DefaultValueFactory = _ => defaults.BatchTokens };
        var maxTokens = new Option<int>("--max-tokens") { Description = "training window: reference documents are cut into windows of N tokens (use the scoring max_tokens)", DefaultValueFactory = _ => defaults.MaxTokens };
        var folds = new Option<int>("--cv-folds") { Description = "folds of the cross-validation that picks the epoch count of a small reference set (0 = off)", DefaultValueFactory = _ => defaults.CrossValidationFolds };
        var foldWindows = new Option<int>("--cv-max-windows") { Description = "largest reference set, in training windows, whose epoch count is cross-validated", DefaultValueFactory = _ => defaults.CrossValidationMaxWindows };
        var command = new Command("train", "Learn a domain prefix on a reference set with the model frozen")
        {
            model, reference, output, length, epochs, lr, seed, validation, patience, weightDecay, batchTokens, maxTokens, folds, foldWindows,
        };
        common.AddTo(command);
        command.SetAction(result => ConsoleInterrupt.Run(CancellationToken.None, Interrupted, ct =>
        {
            var options = new PrefixTrainingOptions
            {
                Length = result.GetValue(length),
                MaxEpochs = result.GetValue(epochs),
                LearningRate = result.GetValue(lr),
                Seed = result.GetValue(seed),
                ValidationFraction = result.GetValue(validation),
                Patience = result.GetValue(patience),
                WeightDecay = result.GetValue(weightDecay),
                BatchTokens = result.GetValue(batchTokens),
                MaxTokens = result.GetValue(maxTokens),
                CrossValidationFolds = result.GetValue(folds),
                CrossValidationMaxWindows = result.GetValue(foldWindows),
            };
            options.Validate();
            var referencePath = result.GetValue(reference)!;
            using var lm = LanguageModel.Load(result.GetValue(model)!, common.Read(result));
            var documents = new List<ReferenceDocument>();
            var bad = 0;
            foreach (var record in JsonlDocumentReader.Read(referencePath))
            {
                ct.ThrowIfCancellationRequested();
                if (!record.IsValid)
                {
                    bad++;
                    Console.Error.WriteLine($"warning: skipped reference {record.Describe()}: {record.Error}");
                    continue;
                }

                documents.Add(new ReferenceDocument(record.IdJson!, [.. lm.Tokenizer.Encode(record.Text!).Take(PrefixTrainingOptions.MaxDocumentTokens)]));
            }

            var trainer = new PrefixTrainer(lm, options) { Log = Console.Error.WriteLine };
            var validationCount = options.HeldOutCount(documents.Count);
            var info = new ReferenceSetInfo(Path.GetFullPath(referencePath), documents.Count, documents.Count - validationCount,
                validationCount, documents.Sum(d => (long)d.Ids.Length), Sha256(referencePath));
            var trained = trainer.Train(documents, info, cancellationToken: ct);
            using var prefix = trained.Prefix;
            prefix.Save(result.GetValue(output)!);
            Console.WriteLine($"{trained.NllLabel} without prefix: {trained.ValidationNllBase:F4} nats/token");
            Console.WriteLine($"{trained.NllLabel} with prefix:    {trained.ValidationNllPrefix:F4} nats/token");
            Console.WriteLine($"prefix written to {result.GetValue(output)} ({documents.Count} reference documents, {bad} skipped)");
            return 0;
        }));
        return command;
    }

    /// <summary>What <c>prefix train</c> prints when Ctrl-C or SIGTERM stopped it (the prefix is written only at the end).</summary>
    private const string Interrupted = "interrupted: no prefix was written; run the command again to train from the start";

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
