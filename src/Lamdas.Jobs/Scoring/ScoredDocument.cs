namespace Lamdas.Jobs.Scoring;

/// <summary>A method's verdict on one document. LM methods fill the log-likelihoods; baselines leave them NaN.</summary>
/// <param name="Tokens">scored model tokens (LM methods) or words (baselines).</param>
/// <param name="LogProbBase"></param>
/// <param name="LogProbPrefix"></param>
/// <param name="Score"></param>
public readonly record struct ScoredDocument(int Tokens, double LogProbBase, double LogProbPrefix, double Score);
