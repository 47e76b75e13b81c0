namespace Lamdas.Jobs.Running;

/// <summary>A progress snapshot of a running job.</summary>
public sealed record JobProgress(
    string Phase,
    int ShardsDone,
    int ShardsTotal,
    long BytesDone,
    long BytesTotal,
    long Documents,
    long Selected,
    long Quarantined,
    long Tokens,
    TimeSpan Elapsed)
{
    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? Tokens / Elapsed.TotalSeconds : 0;

    public double SelectedShare => Documents == 0 ? 0 : (double)Selected / Documents;
}
