using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;

namespace Lamdas.Engine.Tests;

/// <summary>
/// Windowed scoring: each pass adds the document's windows, scored one by one from a fresh start, to the whole-context
/// log-prob. The expected values come from a window-less engine run on the whole documents and on the slices.
/// </summary>
public sealed class WindowedScoringTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    private const double Tolerance = 2e-4;

    private static List<int[]> Documents(int vocab)
    {
        var rng = new Random(17);
        // Shorter than a window, exactly two windows, a partial last window, longer than max_tokens.
        return new[] { 5, 24, 48, 61, 150 }
            .Select(n => Enumerable.Range(0, n).Select(_ => rng.Next(vocab)).ToArray())
            .ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScoreSumsTheWholeViewAndEveryWindow(bool withContext)
    {
        var model = models.Qwen2;
        using var prefix = DomainPrefix.Load(Path.Combine(model.Directory, "prefix-p5"), model);
        const int window = 24;
        const int maxTokens = 100;
        var docs = Documents(5000);
        int[]? contexts = withContext ? [2, 30, 0, 50, 10] : null;

        var windowed = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = maxTokens, WindowTokens = window, BatchTokens = 512 })
            .Score(docs, prefix, contexts);
        var plain = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = maxTokens, BatchTokens = 4096 });
        var whole = plain.Score(docs, prefix, contexts);

        for (var d = 0; d < docs.Count; d++)
        {
            var length = Math.Min(docs[d].Length, maxTokens);
            double baseSum = whole[d].LogProbBase, prefixSum = whole[d].LogProbPrefix;
            var pieces = 0;
            for (var start = 0; start < length; start += window)
            {
                var piece = docs[d][start..Math.Min(length, start + window)];
                var context = contexts is null ? 0 : Math.Max(0, contexts[d] - start);
                var alone = plain.Score([piece], prefix, [context])[0];
                baseSum += alone.LogProbBase;
                prefixSum += alone.LogProbPrefix;
                pieces++;
            }

            Assert.Equal(whole[d].Tokens, windowed[d].Tokens);
            Assert.True(Math.Abs(windowed[d].LogProbBase - baseSum) <= Tolerance, $"doc {d} ({pieces} windows): base {windowed[d].LogProbBase} vs {baseSum}");
            Assert.True(Math.Abs(windowed[d].LogProbPrefix - prefixSum) <= Tolerance, $"doc {d}: prefix {windowed[d].LogProbPrefix} vs {prefixSum}");
        }

        // A document no longer than one window is its own only window: both views agree, so every log-prob doubles.
        Assert.True(Math.Abs(windowed[0].LogProbBase - (2 * whole[0].LogProbBase)) <= Tolerance);
        // A document longer than one window gets a windowed view that differs from a second copy of the whole one.
        Assert.True(Math.Abs(windowed[4].Score - (2 * whole[4].Score)) > 1e-3, $"{windowed[4].Score} vs {2 * whole[4].Score}");
    }

    [Fact]
    public void LogProbsStayTheWholeContextOnes()
    {
        var model = models.Qwen2;
        var docs = Documents(5000);
        var windowed = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = 100, WindowTokens = 16 }).LogProbs(docs, null);
        var plain = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = 100 }).LogProbs(docs, null);
        for (var d = 0; d < docs.Count; d++)
        {
            Assert.True(Math.Abs(windowed[d].LogProb - plain[d].LogProb) <= 1e-5, $"doc {d}: {windowed[d].LogProb} vs {plain[d].LogProb}");
        }
    }

    [Fact]
    public void NegativeWindowIsRefused()
    {
        var error = Assert.Throws<EngineException>(() => new LogLikelihoodEngine(models.Qwen2, new ScoringOptions { WindowTokens = -4 }));
        Assert.Contains("--window-tokens", error.Message, StringComparison.Ordinal);
    }
}
