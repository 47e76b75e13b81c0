using Lamdas.Engine.Scoring;
using Lamdas.Jobs.Scoring.Passes;

namespace Lamdas.Jobs.Scoring;

/// <summary>
/// Perplexity baseline: score = mean log p(y) per token under the base model (low perplexity ranks high); the pass goes
/// through the job's <see cref="ModelPasses"/>, so it is the base pass a LAMDAS job with the same settings reuses.
/// </summary>
public sealed class PerplexityJobScorer(LogLikelihoodEngine engine, ModelPasses passes) : IJobScorer
{
    public bool NeedsTokens => true;

    public int[]? Tokenize(string text) => engine.Tokenize(text);

    public async Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct)
    {
        var results = await passes.GetAsync(PassKey.Base(engine), documents, (ids, contexts) => engine.PassLogProbs(ids, null, contexts, ct), ct);
        return results.Select(r => new ScoredDocument(r.Tokens, r.LogProb, double.NaN, r.MeanPerToken)).ToArray();
    }

    public void Dispose()
    {
    }
}
