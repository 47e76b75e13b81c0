namespace Lamdas.Benchmarks;

/// <summary>The same job run through the single-process runner and through the embedded cluster.</summary>
public sealed record ClusterOverheadResult(TimeSpan Engine, TimeSpan Cluster, long Documents, long Tokens, bool SameScoresAndSelection)
{
    public double Ratio => Cluster.TotalSeconds / Engine.TotalSeconds;
}
