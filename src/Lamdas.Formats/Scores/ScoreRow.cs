namespace Lamdas.Formats;

/// <summary>One scored record: which record (id, source, position), its token count, both log-probabilities, the score and the verdict.</summary>
public sealed record ScoreRow(string Id, string Source, long Position, int Tokens, double LogProbBase, double LogProbPrefix, double Score, bool Selected);
