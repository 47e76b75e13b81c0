using System.Diagnostics;
using Lamdas.Engine.Model;
using Lamdas.Engine.Planning;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using static TorchSharp.torch;

namespace Lamdas.Benchmarks;

/// <summary>Measures two-pass scoring throughput against this machine's matmul peak, from one run.</summary>
public static class ThroughputBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="cancellationToken"/> is checked before every batch and matmul.</summary>
    public static ThroughputReport Run(LanguageModel model, ThroughputSettings settings, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var rng = new Random(settings.Seed);
        var vocab = Math.Min(model.Config.VocabSize, model.Tokenizer.VocabularySize);
        var docs = new List<int[]>();
        for (var d = 0; d < settings.Documents; d++)
        {
            var n = settings.SequenceLength ?? rng.Next(settings.MinLength, settings.MaxLength + 1);
            docs.Add(Enumerable.Range(0, n).Select(_ => rng.Next(vocab)).ToArray());
        }

        var c = model.Config;
        manual_seed(settings.Seed);
        using var prefix = new DomainPrefix(
            randn(c.NumHiddenLayers, c.NumKeyValueHeads, settings.PrefixLength, c.HeadDim).to(model.Device),
            randn(c.NumHiddenLayers, c.NumKeyValueHeads, settings.PrefixLength, c.HeadDim).to(model.Device),
            new PrefixMetadata());
        var engine = new LogLikelihoodEngine(model, new ScoringOptions { BatchTokens = settings.BatchTokens, MaxTokens = int.MaxValue });

        log?.Invoke("warming up");
        engine.Score([docs[0][..Math.Min(64, docs[0].Length)]], prefix, cancellationToken: cancellationToken);

        var matmulBefore = MatmulGflops(model.Device, settings.MatmulSize, cancellationToken);
        log?.Invoke($"fp32 matmul {settings.MatmulSize}³: {matmulBefore:F1} GFLOP/s");

        var statistics = new BatchStatistics();
        var clock = Stopwatch.StartNew();
        engine.LogProbs(docs, null, statistics, cancellationToken: cancellationToken);
        engine.LogProbs(docs, prefix, statistics, cancellationToken: cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;

        // The machine's matmul rate is measured before and after the workload; the higher one is the reference,
        // so MFU is never flattered by a slow measurement.
        var matmulAfter = MatmulGflops(model.Device, settings.MatmulSize, cancellationToken);
        log?.Invoke($"fp32 matmul {settings.MatmulSize}³ after the run: {matmulAfter:F1} GFLOP/s");
        var matmul = Math.Max(matmulBefore, matmulAfter);

        double flops = 0;
        long tokens = 0;
        foreach (var doc in docs)
        {
            tokens += doc.Length;
            flops += ModelFlops.Forward(model, doc.Length, 0) + ModelFlops.Forward(model, doc.Length, settings.PrefixLength);
        }

        var modelGflops = flops / seconds / 1e9;
        return new ThroughputReport(
            Documents: docs.Count,
            Tokens: tokens,
            Seconds: seconds,
            TokensPerSecond: tokens / seconds,
            ModelGflops: modelGflops,
            MatmulGflops: matmul,
            Mfu: modelGflops / matmul,
            PaddingWaste: statistics.PaddingWaste,
            PeakResidentBytes: PeakResidentBytes(),
            Threads: model.Threads);
    }

    public static double MatmulGflops(Device device, int size, CancellationToken cancellationToken = default)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var a = randn(size, size, device: device);
        var b = randn(size, size, device: device);
        mm(a, b).Dispose();
        var reps = 0;
        var clock = Stopwatch.StartNew();
        while (reps < 3 || clock.Elapsed.TotalSeconds < 2)
        {
            cancellationToken.ThrowIfCancellationRequested();
            mm(a, b).Dispose();
            reps++;
        }

        if (device.type == TorchSharp.DeviceType.CUDA)
        {
            cuda.synchronize();
        }

        return 2.0 * size * size * (double)size * reps / clock.Elapsed.TotalSeconds / 1e9;
    }

    private static long PeakResidentBytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return Environment.WorkingSet;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        return Environment.WorkingSet;
    }
}
