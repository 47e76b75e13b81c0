using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;

namespace Lamdas.Jobs.Scoring;

/// <summary>LAMDAS: score = log p(y | prefix) − log p(y), both passes batched.</summary>
public sealed class LamdasJobScorer(LogLikelihoodEngine engine, DomainPrefix prefix) : IJobScorer
{
    public bool NeedsTokens => true;

    public int[]? Tokenize(string text) => engine.Tokenize(text);

    public ScoredDocument[] Score(IReadOnlyList<PreparedDocument> documents, CancellationToken ct)
    {
        var ids = documents.Select(d => d.Ids!).ToList();
        var contexts = documents.Select(d => d.ContextLength).ToList();
        return engine.Score(ids, prefix, contexts, ct)
            .Select(s => new ScoredDocument(s.Tokens, s.LogProbBase, s.LogProbPrefix, s.Score))
            .ToArray();
    }

    public void Dispose() => prefix.Dispose();
}
