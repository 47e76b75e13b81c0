using System.ComponentModel.DataAnnotations;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>Every numeric field is bounded on both sides; the bounds come from <see cref="SpecLimits"/>.</summary>
public sealed class JobSpecLimitsTests
{
    private const string Head = "name: j\ninput: in.jsonl\noutput: out\nmodel: m\n";

    /// <summary>A lamdas spec with <paramref name="extra"/> appended (and a prefix unless <paramref name="extra"/> gives one).</summary>
    private static string Spec(string extra) =>
        Head + (extra.StartsWith("prefix:", StringComparison.Ordinal) ? "" : "prefix: { path: p }\n") + extra + "\n";

    [Theory]
    [InlineData("max_tokens: 0", "max_tokens must be between 1 and 32768 (found 0)")]
    [InlineData("max_tokens: 32769", "max_tokens must be between 1 and 32768 (found 32769)")]
    [InlineData("max_tokens: 99999999999", "max_tokens must be between 1 and 32768 (found 99999999999)")]
    [InlineData("batch_tokens: 0", "batch_tokens must be between 1 and 262144 (found 0)")]
    [InlineData("batch_tokens: 262145", "batch_tokens must be between 1 and 262144 (found 262145)")]
    [InlineData("prefix: { path: p, length: 0 }", "prefix.length must be between 1 and 512 (found 0)")]
    [InlineData("prefix: { path: p, length: 1000000000 }", "prefix.length must be between 1 and 512 (found 1000000000)")]
    [InlineData("prefix: { path: p, epochs: 0 }", "prefix.epochs must be between 1 and 100 (found 0)")]
    [InlineData("prefix: { path: p, epochs: 101 }", "prefix.epochs must be between 1 and 100 (found 101)")]
    [InlineData("prefix: { path: p, lr: 0 }", "prefix.lr must be in (0, 10] (found 0)")]
    [InlineData("prefix: { path: p, lr: 10.5 }", "prefix.lr must be in (0, 10] (found 10.5)")]
    [InlineData("prefix: { path: p, contrast: -0.5 }", "prefix.contrast must be between 0 and 100 (found -0.5)")]
    [InlineData("prefix: { path: p, contrast: 100.5 }", "prefix.contrast must be between 0 and 100 (found 100.5)")]
    [InlineData("prefix: { path: p, background: 0 }", "prefix.background must be between 1 and 100000 (found 0)")]
    [InlineData("prefix: { path: p, background: 100001 }", "prefix.background must be between 1 and 100000 (found 100001)")]
    [InlineData("shard_size_mb: 0.005", "shard_size_mb must be between 0.01 and 16384 (found 0.005)")]
    [InlineData("shard_size_mb: 16385", "shard_size_mb must be between 0.01 and 16384 (found 16385)")]
    [InlineData("max_bad_fraction: -0.1", "max_bad_fraction must be between 0 and 1 (found -0.1)")]
    [InlineData("max_bad_fraction: 1.1", "max_bad_fraction must be between 0 and 1 (found 1.1)")]
    [InlineData("baseline_sample: 0", "baseline_sample must be between 1 and 1000000 (found 0)")]
    [InlineData("baseline_sample: 1000001", "baseline_sample must be between 1 and 1000000 (found 1000001)")]
    [InlineData("threads: -1", "threads must be between 0 and 1024 (found -1)")]
    [InlineData("threads: 1025", "threads must be between 0 and 1024 (found 1025)")]
    [InlineData("priority: -101", "priority must be between -100 and 100 (found -101)")]
    [InlineData("priority: 101", "priority must be between -100 and 100 (found 101)")]
    [InlineData("selection: { tau: 0 }", "selection.tau must be > 0 (found 0)")]
    [InlineData("selection: { mode: top-fraction, fraction: 0 }", "selection.fraction must be in (0, 1] (found 0)")]
    [InlineData("selection: { mode: top-fraction, fraction: 1.0001 }", "selection.fraction must be in (0, 1] (found 1.0001)")]
    [InlineData("selection: { mode: top-fraction }", "selection.fraction is required in mode top-fraction: a number in (0, 1]")]
    [InlineData("device: cuda:64", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"cuda:64\")")]
    [InlineData("device: cudaX", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"cudaX\")")]
    [InlineData("device: \"cuda:\"", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"cuda:\")")]
    [InlineData("device: cuda:-1", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"cuda:-1\")")]
    [InlineData("device: cuda:01", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"cuda:01\")")]
    [InlineData("device: cuda:99999999999", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"cuda:99999999999\")")]
    [InlineData("device: CPU", "device must be cpu, cuda or cuda:N with N between 0 and 63 (found \"CPU\")")]
    public void EachBoundIsEnforcedWithFieldBoundAndValue(string extra, string expected)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Spec(extra)));
        Assert.Equal([expected], error.Problems);
    }

    [Fact]
    public void TheSmallestAndLargestValuesAreAccepted()
    {
        var low = JobSpecParser.Parse(Spec("""
            prefix: { path: p, length: 1, epochs: 1, lr: 1e-9, contrast: 0, background: 1 }
            max_tokens: 1
            batch_tokens: 1
            shard_size_mb: 0.01
            max_bad_fraction: 0
            baseline_sample: 1
            threads: 0
            seed: -9223372036854775808
            selection: { tau: 1e-300 }
            device: cuda:0
            """));
        Assert.Equal((1, 1, 1e-9, 0.0, 1), (low.Prefix!.Length, low.Prefix.Epochs!.Value, low.Prefix.LearningRate!.Value, low.Prefix.Contrast!.Value, low.Prefix.Background!.Value));
        Assert.Equal((1, 1, 0, 10485L, 0.0, 1, 0), (low.MaxTokens, low.BatchTokens, low.WindowTokens, low.ShardBytes, low.MaxBadFraction, low.BaselineSample, low.Threads));
        Assert.Equal(("cuda:0", 1e-300), (low.Device, low.Selection.Tau));

        var high = JobSpecParser.Parse(Spec("""
            prefix: { path: p, length: 512, epochs: 100, lr: 10, contrast: 100, background: 100000 }
            max_tokens: 32768
            batch_tokens: 262144
            shard_size_mb: 16384
            max_bad_fraction: 1
            baseline_sample: 1000000
            threads: 1024
            seed: 9223372036854775807
            device: cuda:63
            """));
        Assert.Equal((512, 100, 10.0, 100.0, 100000), (high.Prefix!.Length, high.Prefix.Epochs!.Value, high.Prefix.LearningRate!.Value, high.Prefix.Contrast!.Value, high.Prefix.Background!.Value));
        Assert.Equal((32768, 262144, 64, 17179869184L, 1.0, 1000000, 1024), (high.MaxTokens, high.BatchTokens, high.WindowTokens, high.ShardBytes, high.MaxBadFraction, high.BaselineSample, high.Threads));
        Assert.Equal("cuda:63", high.Device);
        Assert.Equal(high, JobSpecParser.FromCanonicalJson(JobSpecParser.ToJson(high)));
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:7")]
    public void DevicesInRangeAreAccepted(string device) =>
        Assert.Equal(device, JobSpecParser.Parse(Spec("device: " + device)).Device);

    [Fact]
    public void ABatchMayBeSmallerThanOneDocument()
    {
        // A batch always takes at least one document: long documents are then scored one at a time.
        var spec = JobSpecParser.Parse(Spec("max_tokens: 4096\nbatch_tokens: 512"));
        Assert.Equal((4096, 512), (spec.MaxTokens, spec.BatchTokens));
    }

    [Fact]
    public void AllRangeProblemsAreReportedTogether()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Spec(
            "prefix: { path: p, length: 0, epochs: 0 }\nmax_tokens: 0\nbatch_tokens: 0\nthreads: -1\nseed: x")));
        Assert.Equal(
            [
                "prefix.length must be between 1 and 512 (found 0)",
                "prefix.epochs must be between 1 and 100 (found 0)",
                "max_tokens must be between 1 and 32768 (found 0)",
                "batch_tokens must be between 1 and 262144 (found 0)",
                "seed must be an integer (found \"x\")",
                "threads must be between 0 and 1024 (found -1)",
            ],
            error.Problems);
    }

    [Fact]
    public void GivenLimitsReplaceTheDefaults()
    {
        var limits = new SpecLimits { MaxTokens = 100, MaxPrefixLength = 8, MinShardSizeMb = 0.001, MaxThreads = 4, MaxCudaDevice = 1 };
        var spec = JobSpecParser.Parse(Spec("prefix: { path: p, length: 8 }\nmax_tokens: 100\nshard_size_mb: 0.002\nthreads: 4\ndevice: cuda:1"), limits);
        Assert.Equal((100, 8, 2097L, 4, "cuda:1"), (spec.MaxTokens, spec.Prefix!.Length, spec.ShardBytes, spec.Threads, spec.Device));

        var error = Assert.Throws<JobSpecException>(() =>
            JobSpecParser.Parse(Spec("prefix: { path: p, length: 9 }\nmax_tokens: 101\nshard_size_mb: 0.0005\nthreads: 5\ndevice: cuda:2"), limits));
        Assert.Equal(
            [
                "prefix.length must be between 1 and 8 (found 9)",
                "max_tokens must be between 1 and 100 (found 101)",
                "shard_size_mb must be between 0.001 and 16384 (found 0.0005)",
                "threads must be between 0 and 4 (found 5)",
                "device must be cpu, cuda or cuda:N with N between 0 and 1 (found \"cuda:2\")",
            ],
            error.Problems);
    }

    [Fact]
    public void GivenStructureLimitsReplaceTheDefaults()
    {
        var text = Spec("max_tokens: 10\nbatch_tokens: 10\nthreads: 1");
        var bytes = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text, new SpecLimits { MaxSpecBytes = 40 }));
        Assert.Equal([$"the job specification is {text.Length} bytes; at most 40 bytes are allowed"], bytes.Problems);

        var nodes = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text, new SpecLimits { MaxNodes = 16 }));
        Assert.Equal(["the job specification has more than 16 nodes (keys, values, mappings and lists)"], nodes.Problems);

        Assert.Equal("p", JobSpecParser.Parse(text, new SpecLimits { MaxDepth = 2 }).Prefix!.Path);
        var depth = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text + "x: [[1]]\n", new SpecLimits { MaxDepth = 2 }));
        Assert.Equal(["x[0] is nested deeper than 2 levels (line 9)"], depth.Problems);
    }

    [Fact]
    public void ParseFileAppliesTheSizeLimitBeforeReading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lamdas-spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Spec(""));
        try
        {
            var length = new FileInfo(path).Length;
            var error = Assert.Throws<JobSpecException>(() => JobSpecParser.ParseFile(path, new SpecLimits { MaxSpecBytes = 10 }));
            Assert.Equal([$"the job specification is {length} bytes; at most 10 bytes are allowed"], error.Problems);
            Assert.Equal("j", JobSpecParser.ParseFile(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheDefaultsAreTheDocumentedOnes()
    {
        var limits = new SpecLimits();
        Assert.Equal(
            (1048576, 32, 10000, 4096, 32768, 262144, 512, 100, 10.0, 100.0, 100000, 0.01, 16384.0, 1000000, 1024, 63),
            (limits.MaxSpecBytes, limits.MaxDepth, limits.MaxNodes, limits.MaxStringLength, limits.MaxTokens, limits.MaxBatchTokens,
                limits.MaxPrefixLength, limits.MaxEpochs, limits.MaxLearningRate, limits.MaxContrast, limits.MaxBackground,
                limits.MinShardSizeMb, limits.MaxShardSizeMb, limits.MaxBaselineSample, limits.MaxThreads, limits.MaxCudaDevice));
        Assert.True(Validator.TryValidateObject(limits, new ValidationContext(limits), null, validateAllProperties: true));
    }

    [Theory]
    [InlineData(nameof(SpecLimits.MaxDepth))]
    [InlineData(nameof(SpecLimits.MaxNodes))]
    [InlineData(nameof(SpecLimits.MaxTokens))]
    [InlineData(nameof(SpecLimits.MaxLearningRate))]
    [InlineData(nameof(SpecLimits.MinShardSizeMb))]
    public void LimitsOutsideTheirRangeAreAnArgumentError(string property)
    {
        var limits = new SpecLimits();
        var setter = typeof(SpecLimits).GetProperty(property)!;
        setter.SetValue(limits, setter.PropertyType == typeof(double) ? (object)0.0 : 0);
        var error = Assert.Throws<ArgumentException>(() => JobSpecParser.Parse(Spec(""), limits));
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardFloorAboveTheCeilingIsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(() => JobSpecParser.Parse(Spec(""), new SpecLimits { MinShardSizeMb = 10, MaxShardSizeMb = 5 }));
        Assert.Contains("MinShardSizeMb (10) must not exceed MaxShardSizeMb (5)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input: data/report.csv", "input names files that cannot be read (found \"report.csv\"): record files end in .jsonl.gz, .ndjson.gz, .jsonl.zst, .ndjson.zst, .jsonl, .ndjson, .parquet")]
    [InlineData("input: \"data/*.txt\"", "input names files that cannot be read (found \"*.txt\"): record files end in .jsonl.gz, .ndjson.gz, .jsonl.zst, .ndjson.zst, .jsonl, .ndjson, .parquet")]
    [InlineData("input: in.jsonl.bak", "input names files that cannot be read (found \"in.jsonl.bak\"): record files end in .jsonl.gz, .ndjson.gz, .jsonl.zst, .ndjson.zst, .jsonl, .ndjson, .parquet")]
    [InlineData("input: in.jsonl\nreference: ref.json", "reference names files that cannot be read (found \"ref.json\"): record files end in .jsonl.gz, .ndjson.gz, .jsonl.zst, .ndjson.zst, .jsonl, .ndjson, .parquet")]
    [InlineData("input: in.jsonl\nprefix: { reference: r.txt }", "prefix.reference names files that cannot be read (found \"r.txt\"): record files end in .jsonl.gz, .ndjson.gz, .jsonl.zst, .ndjson.zst, .jsonl, .ndjson, .parquet")]
    public void InputsThatCannotBeReadAreRefused(string fields, string expected)
    {
        var text = "name: j\noutput: out\nmodel: m\n" + fields + "\n" + (fields.Contains("prefix:", StringComparison.Ordinal) ? "" : "prefix: { path: p }\n");
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Equal([expected], error.Problems);
    }

    [Theory]
    [InlineData("in.jsonl")]
    [InlineData("IN.JSONL.GZ")]
    [InlineData("data/**")]
    [InlineData("data/*.jsonl")]
    [InlineData("data/[ab]*.parquet")]
    [InlineData("data/part-*")]
    [InlineData("az://c/p/*.ndjson.zst")]
    [InlineData("https://acct.blob.core.windows.net/c/x.jsonl?sv=1&sig=a.b")]
    [InlineData("file://examples/quickstart/candidates/*.jsonl.gz")]
    public void ReadableInputsAndGlobsAreAccepted(string input) =>
        Assert.Equal(input, JobSpecParser.Parse(Spec("").Replace("in.jsonl", "\"" + input + "\"", StringComparison.Ordinal)).Input);
}
