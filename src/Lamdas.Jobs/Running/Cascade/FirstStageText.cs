using Lamdas.Jobs.Scoring;

namespace Lamdas.Jobs.Running;

/// <summary>
/// The text a cascade's first stage scores: what the LLM reads. A document longer than max_tokens is scored by the LLM
/// on its first max_tokens tokens only, so the first stage scores the decoded text of those tokens; scoring the whole
/// text instead would let a long tail the LLM never sees (a licence after the code, a log after the prose) decide the
/// first stage's ranking.
/// </summary>
public static class FirstStageText
{
    public static string Of(PreparedDocument document, Func<IEnumerable<int>, string> decode, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(decode);
        return document.Ids is { } ids && ids.Length >= maxTokens ? decode(ids.Take(maxTokens)) : document.Text;
    }
}
