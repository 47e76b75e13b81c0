namespace Lamdas.Jobs.Scoring;

/// <summary>A method's verdict on one document. LM methods fill the log-likelihoods; baselines leave them NaN.</summary>
/// <param name="Tokens">scored model tokens (LM methods) or words (baselines).</param>
public readonly record struct ScoredDocument(int Tokens, double LogProbBase, double LogProbPrefix, double Score);
