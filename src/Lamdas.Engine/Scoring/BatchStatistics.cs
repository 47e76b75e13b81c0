namespace Lamdas.Engine.Scoring;

/// <summary>Counts padded versus real tokens fed to the model.</summary>
public sealed class BatchStatistics
{
    public long PaddedTokens { get; private set; }

    public long RealTokens { get; private set; }

    public int Batches { get; private set; }

    public double PaddingWaste => PaddedTokens == 0 ? 0 : 1.0 - ((double)RealTokens / PaddedTokens);

    public void Add(long padded, long real)
    {
        PaddedTokens += padded;
        RealTokens += real;
        Batches++;
    }
}
