using System.Diagnostics;
using System.Text.Json;
using Lamdas.Engine.Model;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using Lamdas.Engine.Training;
using Xunit.Abstractions;

namespace Lamdas.Engine.Tests;

/// <summary>The trained tiny model (models/lamdas-tiny) in float32 (<see cref="Full"/>) and in bfloat16 on the CPU (<see cref="Reduced"/>), loaded once.</summary>
public sealed class TinyModelPair : IDisposable
{
    public TinyModelPair()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "models", "lamdas-tiny");
        Full = LanguageModel.Load(directory, new EngineOptions { Threads = 2 });
        Reduced = LanguageModel.Load(directory, new EngineOptions { DType = "bfloat16", AllowCpuReducedPrecision = true, Threads = 2 });
    }

    public LanguageModel Full { get; }

    public LanguageModel Reduced { get; }

    public void Dispose()
    {
        Full.Dispose();
        Reduced.Dispose();
    }
}

/// <summary>
/// bfloat16 layers against float32 ones on the same weights (the checkpoint is stored in bfloat16, so both start from
/// identical values): log-likelihoods per document, and the ranking of LAMDAS scores.
/// </summary>
public sealed class ReducedPrecisionTests(TinyModelPair models, ITestOutputHelper output) : IClassFixture<TinyModelPair>
{
    private const int Tokens = 64;

    /// <summary>Candidate length of the ranking test: bfloat16 runs at a few GFLOP/s on a CPU without native support.</summary>
    private const int RankedTokens = 48;

    /// <summary>
    /// Expected size of one token's log-prob difference, in nats. bfloat16 keeps 8 significant bits: each rounding is a
    /// relative error of at most u = 2^-9 (half the 2^-8 step). A token's state is rounded about 26 times on its way
    /// to the logits (matmul output and residual add in each of 12 sub-layers, the final norm, the head), and
    /// independent errors add in quadrature to √26 · u ≈ 1 % of a logit; with this model's logits of RMS 5.85 on these
    /// documents (measured with the float32 model) that is 0.058 nats per logit. A log-prob is z_target − logsumexp(z),
    /// so its error δz_target − Σ p_i δz_i is at most about twice that: σ ≈ 0.117 nats per token.
    /// </summary>
    private const double TokenSigma = 2 * 0.0099 * 5.85;

    /// <summary>
    /// Per-token tolerance of a document of n tokens: the mean of n independent per-token errors has spread σ/√n, and
    /// three times that is allowed (0.044 nats per token for 64 tokens). Shared errors (a shift of every logit) cancel
    /// in the log-softmax, so the measured differences stay well below (see the test output).
    /// </summary>
    private static double PerTokenTolerance(int tokens) => 3 * TokenSigma / Math.Sqrt(tokens);

    private static List<string> Texts(string file, int count)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "domain-bench-dev", "code-python", file));
        return File.ReadLines(path).Take(count).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();
    }

    private static List<int[]> Tokenize(LanguageModel model, IEnumerable<string> texts, int tokens = Tokens) =>
        texts.Select(t => model.Tokenizer.Encode(t).Take(tokens).ToArray()).Where(ids => ids.Length > 1).ToList();

    private static ScoringOptions Scoring(int tokens = Tokens) => new() { MaxTokens = tokens, BatchTokens = 2048 };

    [Fact]
    public void BFloat16LogLikelihoodsAgreeWithFloat32PerToken()
    {
        var documents = Tokenize(models.Full, Texts("candidates.jsonl", 24));
        var clock = Stopwatch.StartNew();
        var wide = new LogLikelihoodEngine(models.Full, Scoring()).LogProbs(documents, null);
        var f32Seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var narrow = new LogLikelihoodEngine(models.Reduced, Scoring()).LogProbs(documents, null);
        var bf16Seconds = clock.Elapsed.TotalSeconds;

        double maxAbs = 0, maxRel = 0, maxPerToken = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            Assert.Equal(wide[d].Tokens, narrow[d].Tokens);
            Assert.True(double.IsFinite(narrow[d].LogProb) && narrow[d].LogProb < 0, $"doc {d}: {narrow[d].LogProb}");
            var difference = Math.Abs(narrow[d].LogProb - wide[d].LogProb);
            maxAbs = Math.Max(maxAbs, difference);
            maxRel = Math.Max(maxRel, difference / Math.Abs(wide[d].LogProb));
            maxPerToken = Math.Max(maxPerToken, difference / wide[d].Tokens);
            Assert.True(difference / wide[d].Tokens <= PerTokenTolerance(wide[d].Tokens),
                $"doc {d}: bfloat16 {narrow[d].LogProb} vs float32 {wide[d].LogProb} over {wide[d].Tokens} tokens");
        }

        output.WriteLine($"{documents.Count} documents of up to {Tokens} tokens: max |Δ| {maxAbs:F4} nats, max relative {maxRel:E2}, " +
            $"max per token {maxPerToken:F5} nats; float32 {f32Seconds:F1} s, bfloat16 {bf16Seconds:F1} s");

        // The reduced-precision path really ran: bfloat16 activations change the sums a little, not at all would
        // mean the model was computing in float32.
        Assert.True(maxAbs > 0, "bfloat16 and float32 gave identical sums");
    }

    /// <summary>A job in bfloat16 trains its prefix through bfloat16 layers: the prefix stays float32 and the losses finite.</summary>
    [Fact]
    public void APrefixTrainsThroughBFloat16Layers()
    {
        var reference = Tokenize(models.Reduced, Texts("reference.jsonl", 4), 24).Select((ids, i) => new ReferenceDocument($"r{i}", ids)).ToList();
        var options = new PrefixTrainingOptions { Length = 4, MaxEpochs = 1, MaxTokens = 24, BatchTokens = 256, CrossValidationFolds = 0, Seed = 3 };

        var result = new PrefixTrainer(models.Reduced, options).Train(reference);
        using var prefix = result.Prefix;

        Assert.Equal(TorchSharp.torch.ScalarType.Float32, prefix.Keys.dtype);
        Assert.True(prefix.Keys.isfinite().all().item<bool>() && prefix.Values.isfinite().all().item<bool>());
        Assert.True(double.IsFinite(result.ValidationNllBase) && double.IsFinite(result.ValidationNllPrefix),
            $"NLL {result.ValidationNllBase} → {result.ValidationNllPrefix}");
    }

    /// <summary>
    /// 200 candidates of the code-python task (48 tokens each), scored with one prefix trained in float32: the LAMDAS
    /// score's ranking in bfloat16 has Spearman ≥ 0.99 with float32's.
    /// </summary>
    [Fact]
    [Integration]
    public void BFloat16RanksLamdasScoresLikeFloat32()
    {
        var reference = Tokenize(models.Full, Texts("reference.jsonl", 16), RankedTokens).Select((ids, i) => new ReferenceDocument($"r{i}", ids)).ToList();
        var options = new PrefixTrainingOptions { Length = 8, MaxEpochs = 1, MaxTokens = RankedTokens, BatchTokens = 1024, CrossValidationFolds = 0, Seed = 7 };
        using var trained = new PrefixTrainer(models.Full, options).Train(reference).Prefix;
        var candidates = Tokenize(models.Full, Texts("candidates.jsonl", 200), RankedTokens);

        var clock = Stopwatch.StartNew();
        var wide = Scores(models.Full, trained, candidates);
        var f32Seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var narrow = Scores(models.Reduced, trained, candidates);
        var bf16Seconds = clock.Elapsed.TotalSeconds;

        var rho = Spearman(wide, narrow);
        var maxAbs = wide.Zip(narrow, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{candidates.Count} candidates: Spearman {rho:F5}, max |Δ score| {maxAbs:F4}; " +
            $"float32 {f32Seconds:F1} s, bfloat16 {bf16Seconds:F1} s");
        Assert.True(rho >= 0.99, $"Spearman {rho}");
    }

    /// <summary>LAMDAS scores (log-ratio with and without the prefix); the float32 prefix is cast to the layers' dtype in attention.</summary>
    private static double[] Scores(LanguageModel model, DomainPrefix prefix, List<int[]> candidates) =>
        new LogLikelihoodEngine(model, Scoring(RankedTokens)).Score(candidates, prefix).Select(s => s.LogProbPrefix - s.LogProbBase).ToArray();

    /// <summary>Spearman's ρ: Pearson's correlation of the ranks (ties take their mean rank).</summary>
    private static double Spearman(double[] a, double[] b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        var ma = ra.Average();
        var mb = rb.Average();
        double cov = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }

        return cov / Math.Sqrt(va * vb);
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0;
            }

            i = j + 1;
        }

        return ranks;
    }
}
