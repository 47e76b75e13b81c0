namespace Lamdas.Jobs.Scoring;

/// <summary>A method's verdict on one document. LM methods fill the log-likelihoods; baselines leave them NaN.</summary>
/// <param name="Tokens">scored model tokens (LM methods) or words (baselines).</param>
/// <param name="LogProbBase"></param>
/// <param name="LogProbPrefix"></param>
/// <param name="Score">the method's score; NaN for a document a cascade's first stage held back from the LLM.</param>
/// <param name="Stage1Score">a cascade's first-stage score (NaN without a cascade).</param>
public readonly record struct ScoredDocument(int Tokens, double LogProbBase, double LogProbPrefix, double Score, double Stage1Score = double.NaN)
{
    /// <summary>A document the first stage held back: its first-stage score, and no LLM scores.</summary>
    public static ScoredDocument HeldBack(int tokens, double stage1Score) => new(tokens, double.NaN, double.NaN, double.NaN, stage1Score);
}
