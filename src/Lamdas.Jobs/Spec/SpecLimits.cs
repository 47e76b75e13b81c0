using System.ComponentModel.DataAnnotations;

namespace Lamdas.Jobs.Spec;

/// <summary>
/// Bounds a job specification must keep, checked by <see cref="JobSpecParser"/> before any work starts: the size and
/// shape of the document (bytes, nesting, node count, string length) and the range of every numeric field. A spec
/// outside them is refused with every violation named (field, bound and found value). The defaults suit a shared
/// cluster; configuration binds them from <c>Lamdas:Limits:&lt;PropertyName&gt;</c>.
/// </summary>
public sealed class SpecLimits : IValidatableObject
{
    /// <summary>Largest specification text, in UTF-8 bytes (default 1 MiB).</summary>
    [Range(1, int.MaxValue)]
    public int MaxSpecBytes { get; set; } = 1 << 20;

    /// <summary>Deepest nesting of mappings and lists, the top-level mapping counting as 1 (default 32).</summary>
    [Range(2, 256)]
    public int MaxDepth { get; set; } = 32;

    /// <summary>Most nodes (keys, values, mappings and lists) in the document (default 10,000).</summary>
    [Range(16, 10_000_000)]
    public int MaxNodes { get; set; } = 10_000;

    /// <summary>Longest string, keys included, in UTF-16 characters (default 4,096).</summary>
    [Range(128, 1 << 20)]
    public int MaxStringLength { get; set; } = 4096;

    /// <summary>Largest <c>max_tokens</c> (default 32,768); the model's own context length is checked when it is loaded.</summary>
    [Range(1, int.MaxValue)]
    public int MaxTokens { get; set; } = 32_768;

    /// <summary>Largest <c>batch_tokens</c> (default 262,144).</summary>
    [Range(1, int.MaxValue)]
    public int MaxBatchTokens { get; set; } = 262_144;

    /// <summary>Largest <c>prefix.length</c> (default 512).</summary>
    [Range(1, int.MaxValue)]
    public int MaxPrefixLength { get; set; } = 512;

    /// <summary>Most domains in one job's <c>domains:</c> (default 16).</summary>
    [Range(1, 1024)]
    public int MaxDomains { get; set; } = 16;

    /// <summary>Largest <c>prefix.epochs</c> (default 100).</summary>
    [Range(1, int.MaxValue)]
    public int MaxEpochs { get; set; } = 100;

    /// <summary>Largest <c>prefix.lr</c> (default 10); it must also be &gt; 0.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double MaxLearningRate { get; set; } = 10;

    /// <summary>Largest <c>prefix.contrast</c> (default 100).</summary>
    [Range(0.0, double.MaxValue)]
    public double MaxContrast { get; set; } = 100;

    /// <summary>Largest <c>prefix.background</c> (default 100,000).</summary>
    [Range(1, int.MaxValue)]
    public int MaxBackground { get; set; } = 100_000;

    /// <summary>
    /// Smallest <c>shard_size_mb</c> (default 0.01, about 10 KB). It bounds the number of shards (and of their files)
    /// an input can be cut into.
    /// </summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double MinShardSizeMb { get; set; } = 0.01;

    /// <summary>Largest <c>shard_size_mb</c> (default 16,384, i.e. 16 GiB).</summary>
    [Range(0.0, 1e9, MinimumIsExclusive = true)]
    public double MaxShardSizeMb { get; set; } = 16_384;

    /// <summary>
    /// Most shards one job's input may be cut into (default 1,000,000: 64 TB of JSONL at the default 64 MB shards):
    /// checked against the input's listed sizes before the job is accepted, so a tiny <c>shard_size_mb</c> over a large
    /// corpus cannot fill a coordinator's memory.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxShards { get; set; } = 1_000_000;

    /// <summary>
    /// Largest reference set (<c>prefix.reference</c> or <c>reference</c>), in MB of the listed files (default 64; a
    /// curated reference set is a few MB). Checked before the job is accepted; while loading, a job stops at 256 Mi
    /// characters of text whatever the files' size (compressed files).
    /// </summary>
    [Range(0.001, 1e6)]
    public double MaxReferenceMb { get; set; } = 64;

    /// <summary>Largest <c>baseline_sample</c> (default 1,000,000).</summary>
    [Range(1, int.MaxValue)]
    public int MaxBaselineSample { get; set; } = 1_000_000;

    /// <summary>Largest <c>threads</c> (default 1,024; 0 means all cores).</summary>
    [Range(0, int.MaxValue)]
    public int MaxThreads { get; set; } = 1024;

    /// <summary>Highest N in <c>device: cuda:N</c> (default 63).</summary>
    [Range(0, 1023)]
    public int MaxCudaDevice { get; set; } = 63;

    /// <summary>The ranges of the properties, and <see cref="MinShardSizeMb"/> ≤ <see cref="MaxShardSizeMb"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinShardSizeMb > MaxShardSizeMb)
        {
            yield return new ValidationResult(
                $"MinShardSizeMb ({MinShardSizeMb}) must not exceed MaxShardSizeMb ({MaxShardSizeMb})", [nameof(MinShardSizeMb), nameof(MaxShardSizeMb)]);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every property outside its range.</summary>
    public void EnsureValid()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException("invalid spec limits: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }
    }
}
