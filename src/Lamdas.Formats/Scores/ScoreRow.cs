namespace Lamdas.Formats;

/// <summary>
/// One scored record: which record (id, source, position), its token count, both log-probabilities, the score and the
/// verdict; in a cascade job also the first-stage score, with NaN log-probabilities and score for a record the first
/// stage held back from the LLM.
/// </summary>
public sealed record ScoreRow(string Id, string Source, long Position, int Tokens, double LogProbBase, double LogProbPrefix, double Score, bool Selected,
    double? Stage1Score = null)
{
    /// <summary>Whether the LLM scored the record (false only for records a cascade's first stage held back).</summary>
    public bool ReachedModel => Stage1Score is null || !double.IsNaN(Score);
}
