namespace Lamdas.Jobs.Scoring;

/// <summary>A candidate ready to score: its id, the text the method reads, and (for LM methods) token ids.</summary>
/// <param name="Id"></param>
/// <param name="Text"></param>
/// <param name="Ids"></param>
/// <param name="ContextLength">leading tokens that only condition (an SFT prompt under <c>record.score: response</c>).</param>
public sealed record PreparedDocument(string Id, string Text, int[]? Ids, int ContextLength);
