using Lamdas.Selection;

namespace Lamdas.Jobs.Scoring;

/// <summary>
/// A cascade: <paramref name="stage1"/> scores every document (on <paramref name="stage1Text"/>: what the LLM reads of
/// it); those at or above <paramref name="cut"/> (every one when it is null) go on to the LLM scorer
/// <paramref name="stage2"/>, the others keep only their first-stage score.
/// </summary>
public sealed class CascadeJobScorer(ITextScorer stage1, double? cut, IJobScorer stage2, Func<PreparedDocument, string> stage1Text) : IJobScorer
{
    public double? Cut => cut;

    public bool NeedsTokens => stage2.NeedsTokens;

    public int[]? Tokenize(string text) => stage2.Tokenize(text);

    public async Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var first = new double[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = ct }, i => first[i] = stage1.Score(documents[i].Id, stage1Text(documents[i])));
        var passing = Enumerable.Range(0, documents.Count).Where(i => cut is not { } c || first[i] >= c).ToList();
        var second = passing.Count == 0 ? [] : await stage2.ScoreAsync(passing.Select(i => documents[i]).ToList(), ct);
        var results = new ScoredDocument[documents.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = ScoredDocument.HeldBack(Math.Max(0, (documents[i].Ids?.Length ?? 0) - documents[i].ContextLength), first[i]);
        }

        for (var k = 0; k < passing.Count; k++)
        {
            results[passing[k]] = second[k] with { Stage1Score = first[passing[k]] };
        }

        return results;
    }

    public void Dispose() => stage2.Dispose();
}
