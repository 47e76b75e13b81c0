using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary><c>pretrain</c>: a few steps from scratch, a checkpoint, and a resumed run.</summary>
[Integration]
public sealed class PretrainTests
{
    [Fact]
    public void TrainsCheckpointsAndResumes()
    {
        using var dir = new TempDirectory();
        var corpus = dir.FilePath("corpus.jsonl");
        File.WriteAllLines(corpus, File.ReadLines(Path.Combine(TestPaths.Shared, "datasets", "domain-bench-dev", "code-python", "candidates.jsonl")).Take(300));
        var config = TinyConfig.Write(dir.FilePath("config.json"));
        var output = dir.FilePath("model");
        string[] Args(int steps) =>
        [
            "pretrain", "--corpus", corpus, "--config", config, "--tokenizer", TestPaths.Gpt2Tokenizer, "--output", output,
            "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-tokens", "512", "--max-tokens", "64",
            "--warmup", "1", "--checkpoint-every", "2", "--eval-every", "2", "--validation-fraction", "0.05", "--threads", "2",
        ];

        var first = CliRunner.Run(TimeSpan.FromSeconds(300), Args(2)).AssertSuccess();
        Assert.Contains("held-out loss", first.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint", "optimizer.bin")));
        var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "checkpoint", "state.json"))).RootElement;
        Assert.Equal(2, state.GetProperty("step").GetInt32());

        var second = CliRunner.Run(TimeSpan.FromSeconds(300), Args(4)).AssertSuccess();
        Assert.Contains("resuming from step 2", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("step 1/4", second.Stderr, StringComparison.Ordinal);

        var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "training_log.json"))).RootElement;
        Assert.Equal(4, log.GetProperty("steps").GetInt32());
        Assert.True(log.GetProperty("tokens_seen").GetInt64() > 0);
        Assert.Equal(64, log.GetProperty("corpus_sha256").GetString()!.Length);
        var heldOut = log.GetProperty("final_held_out_loss").GetDouble();
        Assert.True(heldOut is > 0 and < 20, heldOut.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("./lamdas pretrain", log.GetProperty("command").GetString(), StringComparison.Ordinal);
        foreach (var file in new[] { "config.json", "model.safetensors", "vocab.json", "merges.txt" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        var configJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "config.json"))).RootElement;
        Assert.Equal("bfloat16", configJson.GetProperty("torch_dtype").GetString());
        var logprob = dir.FilePath("lp.jsonl");
        File.WriteAllLines(dir.FilePath("docs.jsonl"), ["{\"id\": 1, \"text\": \"def f(x):\\n    return x\"}"]);
        CliRunner.Run("logprob", "--model", output, "--input", dir.FilePath("docs.jsonl"), "--output", logprob).AssertSuccess();
        var row = JsonDocument.Parse(File.ReadAllLines(logprob).Single()).RootElement;
        Assert.True(row.GetProperty("logprob").GetDouble() < 0);
    }
}
