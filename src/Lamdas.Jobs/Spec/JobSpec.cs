namespace Lamdas.Jobs.Spec;

/// <summary>A validated selection job: what to read, how to score it, what to keep and where to write it.</summary>
public sealed record JobSpec
{
    public required string Name { get; init; }

    /// <summary>Model directory (local path); required for lamdas and ppl.</summary>
    public string? Model { get; init; }

    public PrefixSpec? Prefix { get; init; }

    /// <summary>Input URI or glob (file://, local path, az://, https://…blob…).</summary>
    public required string Input { get; init; }

    public required RecordSpec Record { get; init; }

    public required SelectionMethod Method { get; init; }

    public required SelectionSpec Selection { get; init; }

    /// <summary>Output folder URI.</summary>
    public required string Output { get; init; }

    /// <summary>Format of <c>selected/</c>: null keeps the input's format.</summary>
    public string? OutputFormat { get; init; }

    public int MaxTokens { get; init; } = 1024;

    public int BatchTokens { get; init; } = 8192;

    /// <summary>
    /// LAMDAS only: also score each document in windows of this many tokens, each from a fresh start, and add that
    /// view's log-ratio to the whole-context one (0 = whole context only). The parser fills in the default for the
    /// spec's <see cref="MaxTokens"/>; a spec stored before the field existed reads back as 0 and keeps scoring the way
    /// it started.
    /// </summary>
    public int WindowTokens { get; init; }

    /// <summary>Target size of an input shard (plain JSONL is cut into byte ranges of about this size).</summary>
    public long ShardBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The run fails when more than this share of input records is malformed.</summary>
    public double MaxBadFraction { get; init; } = 0.01;

    /// <summary>Seed for prefix training, baselines' candidate sample and the random method.</summary>
    public long Seed { get; init; }

    /// <summary>Reference documents for dsir/tfidf (defaults to prefix.reference).</summary>
    public string? Reference { get; init; }

    /// <summary>Candidate documents sampled to fit dsir/tfidf statistics.</summary>
    public int BaselineSample { get; init; } = 20000;

    public string? Device { get; init; }

    public int Threads { get; init; }
}
