using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using Lamdas.Jobs.Scoring.Passes;

namespace Lamdas.Jobs.Scoring;

/// <summary>
/// LAMDAS: score = log p(y | prefix) − log p(y), both passes batched; each pass goes through the job's
/// <see cref="ModelPasses"/>, so a pass another domain or an earlier job computed over the same documents is reused.
/// </summary>
public sealed class LamdasJobScorer(LogLikelihoodEngine engine, DomainPrefix prefix, string prefixFingerprint, ModelPasses passes) : IJobScorer
{
    public bool NeedsTokens => true;

    public int[]? Tokenize(string text) => engine.Tokenize(text);

    /// <remarks>The pass keys are taken per call: the process's thread count, part of them, can change between jobs.</remarks>
    public async Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var basePass = await passes.GetAsync(PassKey.Base(engine), documents, (ids, contexts) => engine.PassLogProbs(ids, null, contexts, ct), ct);
        var prefixPass = await passes.GetAsync(PassKey.Prefix(engine, prefixFingerprint), documents, (ids, contexts) => engine.PassLogProbs(ids, prefix, contexts, ct), ct);
        var results = new ScoredDocument[documents.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var score = new DocumentScore(basePass[i].Tokens, basePass[i].LogProb, prefixPass[i].LogProb);
            results[i] = new ScoredDocument(score.Tokens, score.LogProbBase, score.LogProbPrefix, score.Score);
        }

        return results;
    }

    public void Dispose() => prefix.Dispose();
}
