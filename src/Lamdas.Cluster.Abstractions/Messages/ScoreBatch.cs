namespace Lamdas.Cluster.Messages;

/// <summary>
/// Scores of consecutive records of one shard, in input order (worker → aggregator), column by column; with the
/// records that could not be scored and the batch's best and worst documents.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.ScoreBatch")]
public sealed record ScoreBatch
{
    [Id(0)]
    public required int Sequence { get; init; }

    [Id(1)]
    public required string[] Ids { get; init; }

    [Id(2)]
    public required long[] Positions { get; init; }

    [Id(3)]
    public required int[] Tokens { get; init; }

    [Id(4)]
    public required double[] LogProbBase { get; init; }

    [Id(5)]
    public required double[] LogProbPrefix { get; init; }

    [Id(6)]
    public required double[] Scores { get; init; }

    [Id(7)]
    public required bool[] Selected { get; init; }

    [Id(8)]
    public IReadOnlyList<QuarantinedRecord> Bad { get; init; } = [];

    [Id(9)]
    public IReadOnlyList<ScoredExample> Top { get; init; } = [];

    [Id(10)]
    public IReadOnlyList<ScoredExample> Bottom { get; init; } = [];

    /// <summary>A cascade job's first-stage scores (null without a cascade).</summary>
    [Id(11)]
    public double[]? Stage1Scores { get; init; }

    /// <summary>The domain these scores are for, in the order of the job's <c>domains:</c> (0 for a job of one domain).</summary>
    [Id(12)]
    public int Domain { get; init; }
}
