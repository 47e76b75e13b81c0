using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;

namespace Lamdas.Engine.Tests;

/// <summary>
/// Log-likelihoods against float64 references computed independently (tests/fixtures/hf/make_fixtures.py, checked
/// there against transformers) on a bf16 tied Qwen2 with q/k/v biases and an fp16 untied GQA Llama.
/// </summary>
public sealed class HuggingFaceAgreementTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    [Theory]
    [InlineData("qwen2-tiny", false)]
    [InlineData("qwen2-tiny", true)]
    [InlineData("llama-tiny", false)]
    [InlineData("llama-tiny", true)]
    public void LogProbsMatchReference(string name, bool withPrefix)
    {
        var model = models.Get(name);
        using var prefix = withPrefix ? DomainPrefix.Load(Path.Combine(model.Directory, "prefix-p5"), model) : null;
        var engine = new LogLikelihoodEngine(model, new ScoringOptions { BatchTokens = 512 });
        var rows = FixtureModel.References(name);
        var results = engine.LogProbs(rows.Select(r => r.Ids).ToList(), prefix);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = withPrefix ? rows[i].LogProbPrefix : rows[i].LogProb;
            Assert.Equal(rows[i].Tokens, results[i].Tokens);
            var relative = Math.Abs(results[i].LogProb - expected) / Math.Max(1, Math.Abs(expected));
            Assert.True(relative < 1e-5, $"{name} {rows[i].Id} (max_tokens {rows[i].MaxTokens}): {results[i].LogProb} vs {expected}");
        }
    }

    [Theory]
    [InlineData("qwen2-tiny")]
    [InlineData("llama-tiny")]
    public void TokenizerAndTruncationMatchReference(string name)
    {
        var model = models.Get(name);
        var docs = File.ReadLines(Path.Combine(model.Directory, "docs.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("text").GetString()!);
        foreach (var row in FixtureModel.References(name))
        {
            var engine = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = row.MaxTokens });
            Assert.Equal(row.Ids, engine.Tokenize(docs[row.Id]));
        }
    }

    [Fact]
    public void LlamaWithoutBosFallsBackToEos()
    {
        Assert.Null(models.Llama.Config.BosTokenId);
        Assert.Equal(50256, models.Llama.Config.StartTokenId);
    }
}
