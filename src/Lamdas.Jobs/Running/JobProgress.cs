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
    /// <summary>The prefix training's last epoch while the job prepares (and after, as it ended); null without training.</summary>
    public PrefixTrainingProgress? Prefix { get; init; }

    /// <summary>Of <see cref="Documents"/>, those of shards still being scored (not committed yet).</summary>
    public long InFlightDocuments { get; init; }

    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? Tokens / Elapsed.TotalSeconds : 0;

    public double SelectedShare => Documents == 0 ? 0 : (double)Selected / Documents;
}
