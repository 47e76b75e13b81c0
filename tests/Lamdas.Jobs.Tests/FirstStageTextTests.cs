using System.Collections.Concurrent;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Scoring;
using Lamdas.Selection;

namespace Lamdas.Jobs.Tests;

/// <summary>The cascade's first stage scores what the LLM reads of a document: its first max_tokens tokens.</summary>
public sealed class FirstStageTextTests
{
    private static string Decode(IEnumerable<int> ids) => string.Join(' ', ids.Select(i => $"t{i}"));

    [Fact]
    public void ADocumentCutAtMaxTokensIsScoredOnTheDecodedTokensTheLlmReads()
    {
        var cut = new PreparedDocument("a", "the whole text, much longer than four tokens", [5, 6, 7, 8], 0);
        Assert.Equal("t5 t6 t7 t8", FirstStageText.Of(cut, Decode, maxTokens: 4));
    }

    [Fact]
    public void AShorterDocumentIsScoredOnItsOwnText()
    {
        var whole = new PreparedDocument("b", "short text", [5, 6, 7], 0);
        Assert.Equal("short text", FirstStageText.Of(whole, Decode, maxTokens: 4));
        Assert.Equal("no tokens", FirstStageText.Of(new PreparedDocument("c", "no tokens", null, 0), Decode, maxTokens: 4));
    }

    [Fact]
    public async Task TheCascadeScorerGivesItsFirstStageTheTextItIsTold()
    {
        var seen = new ConcurrentDictionary<string, string>();
        using var cascade = new CascadeJobScorer(new RecordingScorer(seen), cut: 100, new NeverCalled(), d => "read:" + d.Id);
        var scored = await cascade.ScoreAsync([new PreparedDocument("x", "full x", [1], 0), new PreparedDocument("y", "full y", [2], 0)], CancellationToken.None);

        Assert.Equal("read:x", seen["x"]);
        Assert.Equal("read:y", seen["y"]);
        Assert.All(scored, s => Assert.Equal(6, s.Stage1Score));
    }

    private sealed class RecordingScorer(ConcurrentDictionary<string, string> seen) : ITextScorer
    {
        public double Score(string id, string text)
        {
            seen[id] = text;
            return text.Length;
        }
    }

    /// <summary>The LLM stage: every document is below the cut, so it must not be asked.</summary>
    private sealed class NeverCalled : IJobScorer
    {
        public bool NeedsTokens => true;

        public int[]? Tokenize(string text) => [1];

        public Task<ScoredDocument[]> ScoreAsync(IReadOnlyList<PreparedDocument> documents, CancellationToken ct) =>
            documents.Count == 0 ? Task.FromResult<ScoredDocument[]>([]) : throw new InvalidOperationException("held-back documents reached the LLM");

        public void Dispose()
        {
        }
    }
}
