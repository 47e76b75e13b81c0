namespace Lamdas.Engine.Scoring;

/// <summary>
/// The LAMDAS likelihood ratio of one document: log p(y | prefix) − log p(y). With windowed scoring both log-probs are
/// sums over the whole-context view and the windowed view, and the score is the sum of the two views' log-ratios.
/// </summary>
public readonly record struct DocumentScore(int Tokens, double LogProbBase, double LogProbPrefix)
{
    public double Score => LogProbPrefix - LogProbBase;

    public double ScorePerToken => Tokens == 0 ? 0 : Score / Tokens;

    public bool IsSelected(double tau) => Score > Math.Log(tau);
}
