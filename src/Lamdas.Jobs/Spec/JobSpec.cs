using System.Text.Json.Serialization;

namespace Lamdas.Jobs.Spec;

/// <summary>A validated selection job: what to read, how to score it, what to keep and where to write it.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobSpec")]
public sealed record JobSpec
{
    [Id(0)]
    public required string Name { get; init; }

    /// <summary>Model directory (local path); required for lamdas and ppl.</summary>
    [Id(1)]
    public string? Model { get; init; }

    [Id(2)]
    public PrefixSpec? Prefix { get; init; }

    /// <summary>Input URI or glob (file://, local path, az://, https://…blob…).</summary>
    [Id(3)]
    public required string Input { get; init; }

    [Id(4)]
    public required RecordSpec Record { get; init; }

    [Id(5)]
    public required SelectionMethod Method { get; init; }

    [Id(6)]
    public required SelectionSpec Selection { get; init; }

    /// <summary>Output folder URI.</summary>
    [Id(7)]
    public required string Output { get; init; }

    /// <summary>Format of <c>selected/</c>: null keeps the input's format.</summary>
    [Id(8)]
    public string? OutputFormat { get; init; }

    /// <summary>The tokens of each document that are scored: the rest is cut off (<see cref="DefaultMaxTokens"/> unless set).</summary>
    [Id(9)]
    public int MaxTokens { get; init; } = DefaultMaxTokens;

    /// <summary>
    /// The scored length of a job that sets no max_tokens: the length at which selection quality is measured
    /// (docs/benchmarks.md), and a quarter of the LLM work per long document of 1,024 tokens.
    /// </summary>
    public const int DefaultMaxTokens = 256;

    [Id(10)]
    public int BatchTokens { get; init; } = 8192;

    /// <summary>
    /// LAMDAS only: also score each document in windows of this many tokens, each from a fresh start, and add that
    /// view's log-ratio to the whole-context one (0 = whole context only). The parser fills in the default for the
    /// spec's <see cref="MaxTokens"/>; a spec stored before the field existed reads back as 0 and keeps scoring the way
    /// it started.
    /// </summary>
    [Id(11)]
    public int WindowTokens { get; init; }

    /// <summary>Target size of an input shard (plain JSONL is cut into byte ranges of about this size).</summary>
    [Id(12)]
    public long ShardBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The run fails when more than this share of input records is malformed.</summary>
    [Id(13)]
    public double MaxBadFraction { get; init; } = 0.01;

    /// <summary>Seed for prefix training, baselines' candidate sample and the random method.</summary>
    [Id(14)]
    public long Seed { get; init; }

    /// <summary>Reference documents for dsir/tfidf (defaults to prefix.reference).</summary>
    [Id(15)]
    public string? Reference { get; init; }

    /// <summary>Candidate documents sampled to fit dsir/tfidf statistics.</summary>
    [Id(16)]
    public int BaselineSample { get; init; } = 20000;

    [Id(17)]
    public string? Device { get; init; }

    [Id(18)]
    public int Threads { get; init; }

    /// <summary>
    /// The dtype the model's layers compute in; log-softmax and sums stay float32. Auto (the default, and what a spec
    /// stored before the field existed reads back as) is left out of the canonical JSON, so such a spec keeps its form.
    /// </summary>
    [Id(19)]
    [JsonPropertyName("dtype")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ComputeDType DType { get; init; }

    /// <summary>
    /// LAMDAS only: a cheap first stage that decides which candidates reach the two LLM passes (null: every candidate
    /// does). The parser turns it on by default where the job has a reference set; a spec stored before the field
    /// existed reads back as null.
    /// </summary>
    [Id(20)]
    public CascadeSpec? Cascade { get; init; }

    /// <summary>Where model passes are kept between jobs (null: the host's score store, if any).</summary>
    [Id(21)]
    public CacheSpec? Cache { get; init; }

    /// <summary>
    /// LAMDAS only: several domains selected from the same candidates in one job, sharing its reading, tokenization and
    /// (where their LLM sets agree) its base pass; null for a job of one domain, whose prefix is <see cref="Prefix"/>.
    /// </summary>
    [Id(22)]
    public IReadOnlyList<DomainSpec>? Domains { get; init; }

    /// <summary>
    /// The job of each domain on its own: for a job of one domain, the job itself; for <see cref="Domains"/>, one spec per
    /// domain with the domain's prefix, its output in the domain's folder, and the cascade where the domain has a
    /// reference set — the spec a separate single-domain job would have.
    /// </summary>
    public IReadOnlyList<JobSpec> PerDomain() => Domains is null ? [this] : Domains.Select(ForDomain).ToList();

    /// <summary>The single-domain spec of <paramref name="domain"/> (see <see cref="PerDomain"/>).</summary>
    public JobSpec ForDomain(DomainSpec domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return this with
        {
            Domains = null,
            Prefix = domain.Prefix,
            Output = Lamdas.Storage.StorageUri.Combine(Output, domain.Name),
            Cascade = domain.Prefix.Reference is null ? null : Cascade,
        };
    }

    /// <summary>
    /// Scheduling only: among the jobs of one team, workers go to a higher priority first (<see cref="MinPriority"/> …
    /// <see cref="MaxPriority"/>, default 0); jobs of equal priority go in the order they were submitted. It does not
    /// change what the job computes, so it is left out of the canonical JSON (and of the fingerprint and the output's
    /// record of the spec): a job resubmitted with another priority resumes the same output.
    /// </summary>
    [Id(23)]
    [JsonIgnore]
    public int Priority { get; init; }

    /// <summary>The lowest <see cref="Priority"/> a spec may give.</summary>
    public const int MinPriority = -100;

    /// <summary>The highest <see cref="Priority"/> a spec may give.</summary>
    public const int MaxPriority = 100;
}
