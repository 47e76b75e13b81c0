using Lamdas.Engine.Scoring;

namespace Lamdas.Jobs.Scoring;

/// <summary>Perplexity baseline: score = mean log p(y) per token under the base model (low perplexity ranks high).</summary>
public sealed class PerplexityJobScorer(LogLikelihoodEngine engine) : IJobScorer
{
    public bool NeedsTokens => true;

    public int[]? Tokenize(string text) => engine.Tokenize(text);

    public ScoredDocument[] Score(IReadOnlyList<PreparedDocument> documents, CancellationToken ct)
    {
        var results = engine.LogProbs(documents.Select(d => d.Ids!).ToList(), null, null, documents.Select(d => d.ContextLength).ToList(), ct);
        return results.Select(r => new ScoredDocument(r.Tokens, r.LogProb, double.NaN, r.MeanPerToken)).ToArray();
    }

    public void Dispose()
    {
    }
}
