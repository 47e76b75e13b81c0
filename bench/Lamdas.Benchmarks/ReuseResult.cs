namespace Lamdas.Benchmarks;

/// <summary>One measured comparison of <see cref="ReuseBenchmark"/>: the reusing run's seconds against the baseline's.</summary>
/// <param name="Name">what is compared, e.g. "K = 4 domains in one job vs 4 separate jobs".</param>
/// <param name="Seconds">wall time of the run that shares or reuses passes.</param>
/// <param name="BaselineSeconds">wall time of the baseline (separate jobs, or the first run).</param>
/// <param name="ComputedTokens">pass tokens the reusing run computed on the model.</param>
/// <param name="BaselineTokens">pass tokens the baseline computed.</param>
/// <param name="Target">the ratio to stay under (null: none).</param>
public sealed record ReuseResult(string Name, double Seconds, double BaselineSeconds, long ComputedTokens, long BaselineTokens, double? Target)
{
    public double Ratio => BaselineSeconds <= 0 ? double.NaN : Seconds / BaselineSeconds;

    public double TokenRatio => BaselineTokens == 0 ? double.NaN : ComputedTokens / (double)BaselineTokens;
}
