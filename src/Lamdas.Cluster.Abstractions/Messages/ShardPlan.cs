namespace Lamdas.Cluster.Messages;

/// <summary>One planned input shard: a byte range of a file, a whole compressed file, or a Parquet row group.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.ShardPlan")]
public sealed record ShardPlan
{
    [Id(0)]
    public required string Uri { get; init; }

    /// <summary>The record format's name (jsonl, jsonl.gz, jsonl.zst, parquet).</summary>
    [Id(1)]
    public required string Format { get; init; }

    [Id(2)]
    public long Start { get; init; }

    [Id(3)]
    public long End { get; init; }

    [Id(4)]
    public int? RowGroup { get; init; }
}
