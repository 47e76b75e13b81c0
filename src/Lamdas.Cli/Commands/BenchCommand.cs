using System.CommandLine;
using Lamdas.Benchmarks;
using Lamdas.Engine.Model;

namespace Lamdas.Cli.Commands;

/// <summary><c>bench throughput --model DIR [--seq-len N] [--batch-tokens N] [--docs N]</c>.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks");
        command.Subcommands.Add(CreateThroughput());
        command.Subcommands.Add(QualityBenchCommand.Create());
        command.Subcommands.Add(ClusterBenchCommand.Create());
        command.Subcommands.Add(CostBenchCommand.Create());
        command.Subcommands.Add(ReuseBenchCommand.Create());
        return command;
    }

    private static Command CreateThroughput()
    {
        var defaults = new ThroughputSettings();
        var common = new CommonOptions();
        var model = new Option<string>("--model") { Description = "Hugging Face model directory", Required = true };
        var seqLen = new Option<int?>("--seq-len") { Description = "fixed document length (default: uniform 64–1024)" };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "padded tokens per batch", DefaultValueFactory = _ => defaults.BatchTokens };
        var docs = new Option<int>("--docs") { Description = "documents to score", DefaultValueFactory = _ => defaults.Documents };
        var minLen = new Option<int>("--min-len") { Description = "shortest document (mixed lengths)", DefaultValueFactory = _ => defaults.MinLength };
        var maxLen = new Option<int>("--max-len") { Description = "longest document (mixed lengths)", DefaultValueFactory = _ => defaults.MaxLength };
        var command = new Command("throughput", "Two-pass scoring throughput, model FLOP rate versus this machine's matmul rate")
        {
            model, seqLen, batchTokens, docs, minLen, maxLen,
        };
        common.AddTo(command);
        command.SetAction(result => ConsoleInterrupt.Run(CancellationToken.None, Interrupted, ct =>
        {
            var settings = defaults with
            {
                SequenceLength = result.GetValue(seqLen),
                BatchTokens = result.GetValue(batchTokens),
                Documents = result.GetValue(docs),
                MinLength = result.GetValue(minLen),
                MaxLength = result.GetValue(maxLen),
            };
            if (settings.Documents <= 0 || settings.MinLength <= 0 || settings.MaxLength < settings.MinLength || settings.SequenceLength <= 0)
            {
                throw new CliException("--docs, --seq-len, --min-len must be positive and --max-len ≥ --min-len");
            }

            using var lm = LanguageModel.Load(result.GetValue(model)!, common.Read(result));
            var r = ThroughputBenchmark.Run(lm, settings, Console.Error.WriteLine, ct);
            var lengths = settings.SequenceLength is { } n ? $"{n}" : $"{settings.MinLength}-{settings.MaxLength}";
            Console.WriteLine($"model                {lm.Directory} ({lm.Config.Architecture}, {lm.Config.NumHiddenLayers} layers, hidden {lm.Config.HiddenSize}, vocab {lm.Config.VocabSize}, {lm.DType}, {lm.Device.type})");
            Console.WriteLine($"workload             {r.Documents} documents, lengths {lengths}, {r.Tokens} tokens, 2 passes (prefix P={settings.PrefixLength}), batch-tokens {settings.BatchTokens}, threads {r.Threads}");
            Console.WriteLine($"elapsed              {r.Seconds:F2} s");
            Console.WriteLine($"scored tokens/s      {r.TokensPerSecond:F1} (two passes per token)");
            Console.WriteLine($"model GFLOP/s        {r.ModelGflops:F1}");
            Console.WriteLine($"fp32 matmul GFLOP/s  {r.MatmulGflops:F1} ({settings.MatmulSize}x{settings.MatmulSize}, same run, best of before/after)");
            Console.WriteLine($"MFU                  {r.Mfu:P1}");
            Console.WriteLine($"padding waste        {r.PaddingWaste:P1}");
            Console.WriteLine($"peak memory (RSS)    {r.PeakResidentBytes / (1024.0 * 1024 * 1024):F2} GiB");
            return 0;
        }));
        return command;
    }

    /// <summary>What the bench commands print when Ctrl-C or SIGTERM stopped them.</summary>
    internal const string Interrupted = "interrupted: no results (a benchmark reports only when complete)";
}
