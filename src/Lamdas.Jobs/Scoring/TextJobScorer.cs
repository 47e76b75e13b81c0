using Lamdas.Selection;

namespace Lamdas.Jobs.Scoring;

/// <summary>Model-free baselines (dsir, tfidf, random) behind the job interface; tokens are counted as words.</summary>
public sealed class TextJobScorer(ITextScorer scorer) : IJobScorer
{
    public bool NeedsTokens => false;

    public int[]? Tokenize(string text) => null;

    public Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct)
    {
        var results = new ScoredDocument[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var d = documents[i];
            results[i] = new ScoredDocument(CountWords(d.Text), double.NaN, double.NaN, scorer.Score(d.Id, d.Text));
        });
        return Task.FromResult(results);
    }

    public void Dispose()
    {
    }

    private static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }
}
