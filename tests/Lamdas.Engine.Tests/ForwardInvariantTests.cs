using Lamdas.Engine.Batching;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using static TorchSharp.torch;

namespace Lamdas.Engine.Tests;

public sealed class ForwardInvariantTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    private static List<int[]> RandomDocuments(int count, int vocab, int seed, int minLength, int maxLength)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, rng.Next(minLength, maxLength + 1)).Select(_ => rng.Next(vocab)).ToArray())
            .ToList();
    }

    [Theory]
    [Integration]
    [InlineData("qwen2-tiny", false)]
    [InlineData("qwen2-tiny", true)]
    [InlineData("llama-tiny", true)]
    public void ResultDoesNotDependOnBatchMates(string name, bool withPrefix)
    {
        var model = models.Get(name);
        using var prefix = withPrefix ? DomainPrefix.Load(Path.Combine(model.Directory, "prefix-p5"), model) : null;
        var docs = RandomDocuments(24, 5000, seed: 3, minLength: 1, maxLength: 300);
        var together = new LogLikelihoodEngine(model, new ScoringOptions { BatchTokens = 4096 }).LogProbs(docs, prefix);
        var smallBatches = new LogLikelihoodEngine(model, new ScoringOptions { BatchTokens = 64 }).LogProbs(docs, prefix);
        var alone = new LogLikelihoodEngine(model, new ScoringOptions { BatchTokens = 4096 });
        for (var i = 0; i < docs.Count; i++)
        {
            var single = alone.LogProbs([docs[i]], prefix)[0];
            Assert.True(Math.Abs(single.LogProb - together[i].LogProb) <= 1e-4, $"doc {i}: alone {single.LogProb}, batched {together[i].LogProb}");
            Assert.True(Math.Abs(smallBatches[i].LogProb - together[i].LogProb) <= 1e-4, $"doc {i}: {smallBatches[i].LogProb} vs {together[i].LogProb}");
        }

        var reversed = docs.AsEnumerable().Reverse().ToList();
        var reversedResults = new LogLikelihoodEngine(model, new ScoringOptions { BatchTokens = 1000 }).LogProbs(reversed, prefix);
        for (var i = 0; i < docs.Count; i++)
        {
            Assert.True(Math.Abs(reversedResults[docs.Count - 1 - i].LogProb - together[i].LogProb) <= 1e-4);
        }
    }

    [Fact]
    public void ZeroLengthPrefixEqualsBasePass()
    {
        var model = models.Qwen2;
        var c = model.Config;
        using var empty = new DomainPrefix(zeros(c.NumHiddenLayers, c.NumKeyValueHeads, 0, c.HeadDim),
            zeros(c.NumHiddenLayers, c.NumKeyValueHeads, 0, c.HeadDim), new PrefixMetadata());
        var docs = RandomDocuments(6, 5000, seed: 5, minLength: 1, maxLength: 120);
        var engine = new LogLikelihoodEngine(model, new ScoringOptions());
        var basePass = engine.LogProbs(docs, null);
        var emptyPass = engine.LogProbs(docs, empty);
        for (var i = 0; i < docs.Count; i++)
        {
            Assert.True(Math.Abs(basePass[i].LogProb - emptyPass[i].LogProb) <= 1e-5, $"{basePass[i].LogProb} vs {emptyPass[i].LogProb}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LaterTokensDoNotChangeEarlierLogProbs(bool withPrefix)
    {
        var model = models.Llama;
        using var prefix = withPrefix ? DomainPrefix.Load(Path.Combine(model.Directory, "prefix-p5"), model) : null;
        var rng = new Random(11);
        var a = Enumerable.Range(0, 80).Select(_ => rng.Next(50000)).ToArray();
        var b = (int[])a.Clone();
        for (var t = 50; t < b.Length; t++)
        {
            b[t] = (b[t] + 1 + rng.Next(1000)) % 50000;
        }

        var engine = new LogLikelihoodEngine(model, new ScoringOptions());
        var perTokenA = PerToken(engine, a, prefix);
        var perTokenB = PerToken(engine, b, prefix);
        for (var t = 0; t < 50; t++)
        {
            Assert.Equal(perTokenA[t], perTokenB[t], 5);
        }

        Assert.Contains(Enumerable.Range(50, 30), t => Math.Abs(perTokenA[t] - perTokenB[t]) > 1e-3);
    }

    [Fact]
    public void GradientsReachOnlyThePrefix()
    {
        var model = models.Qwen2;
        var c = model.Config;
        var engine = new LogLikelihoodEngine(model, new ScoringOptions());
        var keys = nn.Parameter(randn(c.NumHiddenLayers, c.NumKeyValueHeads, 4, c.HeadDim), requires_grad: true);
        var values = nn.Parameter(randn(c.NumHiddenLayers, c.NumKeyValueHeads, 4, c.HeadDim), requires_grad: true);
        var docs = RandomDocuments(3, 5000, seed: 9, minLength: 5, maxLength: 30);
        var lengths = docs.Select(d => d.Length).ToArray();
        var batch = LengthBuckets.Plan(lengths, 4096).Single();
        engine.RunBatch(docs, lengths, batch, keys, values, trackGradients: true, out var tokenLogProbs);
        (-tokenLogProbs!.sum()).backward();

        Assert.NotNull(keys.grad);
        Assert.NotNull(values.grad);
        Assert.True(keys.grad!.abs().sum().item<float>() > 0);
        Assert.True(values.grad!.abs().sum().item<float>() > 0);
        foreach (var (name, parameter) in model.Network.named_parameters())
        {
            Assert.False(parameter.requires_grad, name);
            Assert.True(parameter.grad is null, $"{name} received a gradient");
        }
    }

    private static float[] PerToken(LogLikelihoodEngine engine, int[] doc, DomainPrefix? prefix)
    {
        var batch = LengthBuckets.Plan([doc.Length], 4096).Single();
        using var mode = inference_mode();
        engine.RunBatch([doc], [doc.Length], batch, prefix?.Keys, prefix?.Values, trackGradients: true, out var logProbs);
        return logProbs!.data<float>().ToArray();
    }
}
