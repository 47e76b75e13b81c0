using System.Text.Json.Nodes;

namespace Lamdas.Cli.Tests;

/// <summary>Errors go to stderr with a non-zero exit code and a message that says what is wrong.</summary>
public sealed class ErrorTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    [Theory]
    [InlineData("tokenize")]
    [InlineData("logprob")]
    [InlineData("score")]
    [InlineData("prefix train")]
    [InlineData("bench throughput")]
    public void MissingModelDirectoryIsReportedWithItsPath(string command)
    {
        using var temp = new TempDirectory();
        var missing = temp.FilePath("no-such-model");
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);
        var output = temp.FilePath("out.jsonl");
        string[] arguments = command switch
        {
            "tokenize" => ["tokenize", "--model", missing, "--input", input, "--output", output],
            "logprob" => ["logprob", "--model", missing, "--input", input, "--output", output],
            "score" => ["score", "--model", missing, "--prefix", tiny.HandPrefix, "--input", input, "--output", output],
            "prefix train" => ["prefix", "train", "--model", missing, "--reference", input, "--output", temp.FilePath("prefix")],
            _ => ["bench", "throughput", "--model", missing, "--docs", "1", "--seq-len", "8"],
        };

        var result = CliRunner.Run(arguments).AssertCleanFailure();

        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
        if (arguments.Contains(output))
        {
            Assert.False(File.Exists(output), "an output file was written although the command failed");
        }
    }

    [Fact]
    public void MissingInputFileIsReportedWithItsPath()
    {
        using var temp = new TempDirectory();
        var missing = temp.FilePath("no-such-input.jsonl");

        var result = CliRunner.Run("logprob", "--model", tiny.Model, "--input", missing, "--output", temp.FilePath("out.jsonl"),
            "--threads", "1").AssertCleanFailure();

        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedModelTypeIsNamedWhenLoadingAndWhenInitialising()
    {
        using var temp = new TempDirectory();
        var model = tiny.CopyModelWithConfig(temp, c => c["model_type"] = "gpt_neox");
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);

        var load = CliRunner.Run("logprob", "--model", model, "--input", input, "--output", temp.FilePath("out.jsonl"), "--threads", "1")
            .AssertCleanFailure();
        Assert.Contains("model_type", load.Stderr, StringComparison.Ordinal);
        Assert.Contains("gpt_neox", load.Stderr, StringComparison.Ordinal);

        var config = TinyConfig.Write(temp.FilePath("neox.json"), c => c["model_type"] = "gpt_neox");
        var init = CliRunner.Run("model", "init", "--config", config, "--tokenizer", TestPaths.Gpt2Tokenizer, "--output", temp.FilePath("init"))
            .AssertCleanFailure();
        Assert.Contains("model_type", init.Stderr, StringComparison.Ordinal);
        Assert.Contains("gpt_neox", init.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedRopeScalingIsNamed()
    {
        using var temp = new TempDirectory();
        var model = tiny.CopyModelWithConfig(temp, c => c["rope_scaling"] = new JsonObject { ["rope_type"] = "yarn", ["factor"] = 4.0 });
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);

        var result = CliRunner.Run("score", "--model", model, "--prefix", tiny.HandPrefix, "--input", input, "--output",
            temp.FilePath("out.jsonl"), "--threads", "1").AssertCleanFailure();

        Assert.Contains("rope_scaling", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("yarn", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CudaDeviceOnACpuOnlyBuildIsAClearError()
    {
        using var temp = new TempDirectory();
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);

        var result = CliRunner.Run("logprob", "--model", tiny.Model, "--input", input, "--output", temp.FilePath("out.jsonl"),
            "--device", "cuda").AssertCleanFailure();

        Assert.Contains("cuda", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not available", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BFloat16OnTheCpuNeedsTheExplicitFlag()
    {
        using var temp = new TempDirectory();
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);
        string[] arguments = ["logprob", "--model", tiny.Model, "--input", input, "--output", temp.FilePath("out.jsonl"), "--dtype", "bfloat16", "--threads", "1"];

        var refused = CliRunner.Run(arguments).AssertCleanFailure();
        Assert.Contains("dtype bfloat16: the CPU computes in float32", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-cpu-reduced-precision", refused.Stderr, StringComparison.Ordinal);

        CliRunner.Run([.. arguments, "--allow-cpu-reduced-precision"]).AssertSuccess();
        Assert.Single(File.ReadAllLines(temp.FilePath("out.jsonl")));
    }

    [Fact]
    public void PrefixWithAnotherModelsFingerprintIsRejected()
    {
        using var temp = new TempDirectory();
        var prefix = HandWrittenPrefix.Write(temp.FilePath("foreign-prefix"), TinyConfig.Layers, TinyConfig.KvHeads, 3, TinyConfig.HeadDim,
            seed: 9, fingerprint: "sha256:" + new string('0', 64));
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);

        var result = CliRunner.Run("score", "--model", tiny.Model, "--prefix", prefix, "--input", input, "--output",
            temp.FilePath("out.jsonl"), "--threads", "1").AssertCleanFailure();

        Assert.Contains("base model", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PrefixOfTheWrongShapeIsRejected()
    {
        using var temp = new TempDirectory();
        var prefix = HandWrittenPrefix.Write(temp.FilePath("wrong-shape"), TinyConfig.Layers + 1, TinyConfig.KvHeads, 3, TinyConfig.HeadDim, seed: 9);
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);

        var result = CliRunner.Run("logprob", "--model", tiny.Model, "--prefix", prefix, "--input", input, "--output",
            temp.FilePath("out.jsonl"), "--threads", "1").AssertCleanFailure();

        Assert.Contains("prefix.keys", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveTauIsRejected()
    {
        using var temp = new TempDirectory();
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "x = 1\n")]);

        var result = CliRunner.Run("score", "--model", tiny.Model, "--prefix", tiny.HandPrefix, "--input", input, "--output",
            temp.FilePath("out.jsonl"), "--tau", "0", "--threads", "1").AssertCleanFailure();

        Assert.Contains("--tau", result.Stderr, StringComparison.Ordinal);
    }
}
