namespace Lamdas.Engine.Scoring;

/// <summary>log p(y) summed over the document's (truncated) tokens.</summary>
public readonly record struct DocumentLogProb(int Tokens, double LogProb)
{
    public double MeanPerToken => Tokens == 0 ? 0 : LogProb / Tokens;
}
