namespace Lamdas.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lamdas-plan-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void PlanPrintsHoursAndHalvesThemWithTwiceTheDevices()
    {
        var one = CliRunner.Run("plan", "--tokens", "10B", "--gpus", "4", "--gpu", "a100").AssertSuccess();
        var two = CliRunner.Run("plan", "--tokens", "10B", "--gpus", "8", "--gpu", "a100").AssertSuccess();
        Assert.InRange(Hours(one.Stdout) / Hours(two.Stdout), 1.97, 2.03);
        Assert.Contains("device-hours", one.Stdout, StringComparison.Ordinal);
        Assert.Contains("GFLOP per scored token", one.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a100", "bfloat16")]
    [InlineData("h100", "bfloat16")]
    [InlineData("cpu", "float32")]
    public void PlanSaysWhichDTypeTheDeviceRateAssumes(string gpu, string dtype)
    {
        var run = CliRunner.Run("plan", "--tokens", "1B", "--gpu", gpu).AssertSuccess();

        var line = run.Stdout.Split('\n').Single(l => l.StartsWith("dtype", StringComparison.Ordinal));
        Assert.Equal(dtype, line["dtype".Length..].Trim().Split(' ')[0]);
    }

    [Fact]
    public void PlanRefusesAnUnknownDevice()
    {
        var run = CliRunner.Run("plan", "--tokens", "1B", "--gpu", "tpu");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("a100, h100, cpu", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutMeasuredInputsThePlanSaysItScoresEveryCandidateToken()
    {
        var run = CliRunner.Run("plan", "--tokens", "100B", "--gpus", "8", "--gpu", "a100").AssertSuccess();
        Assert.Contains("100B candidate tokens × 1 scored per candidate token = 100B scored tokens", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("assumed: every candidate token is scored (F = 1) and every document fills max_tokens (256", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  plain (two passes)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("* windowed (64)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cascade rows need a pass rate", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainsAndTheCacheHitShareScaleTheHoursAndSayWhatTheyWouldBeWithout()
    {
        var one = CliRunner.Run("plan", "--tokens", "100B", "--window-tokens", "0").AssertSuccess();
        var four = CliRunner.Run("plan", "--tokens", "100B", "--window-tokens", "0", "--domains", "4").AssertSuccess();
        var nightly = CliRunner.Run("plan", "--tokens", "100B", "--window-tokens", "0", "--cache-hit", "0.95").AssertSuccess();

        // Four domains share the base pass: 1 + 4 passes where one domain needs 2.
        Assert.InRange(Hours(four.Stdout) / Hours(one.Stdout), 2.499, 2.501);
        Assert.InRange(Hours(nightly.Stdout) / Hours(one.Stdout), 0.0499, 0.0501);
        var reuse = four.Stdout.Split('\n').Single(l => l.StartsWith("reuse", StringComparison.Ordinal));
        Assert.Contains("2.5 × one domain's work", reuse, StringComparison.Ordinal);
        var without = double.Parse(reuse[(reuse.IndexOf("no store) ", StringComparison.Ordinal) + "no store) ".Length)..].Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(without / Hours(one.Stdout), 3.99, 4.01);
        Assert.DoesNotContain("\nreuse", one.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoredFractionScalesHoursLinearlyAndDocTokensStillWorks()
    {
        var all = CliRunner.Run("plan", "--tokens", "100B", "--max-tokens", "256").AssertSuccess();
        var half = CliRunner.Run("plan", "--tokens", "100B", "--doc-tokens", "256", "--scored-fraction", "0.5").AssertSuccess();
        Assert.InRange(Hours(half.Stdout) / Hours(all.Stdout), 0.499, 0.501);
        Assert.Contains("= 50B scored tokens", half.Stdout, StringComparison.Ordinal);
        Assert.Contains("max_tokens 256", half.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePassRateAddsTheCascadeRowsAndMarksCascadePlusWindowed()
    {
        var run = CliRunner.Run("plan", "--tokens", "100B", "--gpus", "8", "--max-tokens", "256", "--scored-fraction", "0.42",
            "--pass-rate", "0.25", "--price-per-hour", "2.5").AssertSuccess();
        Assert.Contains("pass rate 0.25 (--pass-rate)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("counted as negligible", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("* cascade + windowed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  cascade  ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cost", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheManifestFillsInWhatItHasAndTheCommandLineWins()
    {
        var manifest = WriteManifest(0.23);
        var fromManifest = CliRunner.Run("plan", "--tokens", "100B", "--from-manifest", manifest).AssertSuccess();
        Assert.Contains("max_tokens 256, 20-position prefix", fromManifest.Stdout, StringComparison.Ordinal);

        // 231.0 scored of 612.4 candidate tokens per document: 0.3772 scored per candidate token.
        Assert.Contains("× 0.377 scored per candidate token", fromManifest.Stdout, StringComparison.Ordinal);
        Assert.Contains("231.0 per document", fromManifest.Stdout, StringComparison.Ordinal);
        Assert.Contains("pass rate 0.23 (measured, cascade.pass_rate in", fromManifest.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("assumed: every", fromManifest.Stdout, StringComparison.Ordinal);

        var overridden = CliRunner.Run("plan", "--tokens", "100B", "--from-manifest", manifest, "--pass-rate", "0.5", "--max-tokens", "512",
            "--scored-fraction", "0.6", "--window-tokens", "0").AssertSuccess();
        Assert.Contains("max_tokens 512", overridden.Stdout, StringComparison.Ordinal);
        Assert.Contains("pass rate 0.5 (--pass-rate)", overridden.Stdout, StringComparison.Ordinal);
        Assert.Contains("× 0.6 scored per candidate token", overridden.Stdout, StringComparison.Ordinal);
        Assert.Contains("* cascade  ", overridden.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pass-rate 0", "--pass-rate must be a share of the candidate documents, 0 < P <= 1 (got 0)")]
    [InlineData("--pass-rate 1.5", "--pass-rate must be a share of the candidate documents, 0 < P <= 1 (got 1.5)")]
    [InlineData("--pass-rate -0.2", "--pass-rate must be a share")]
    [InlineData("--scored-fraction -0.1", "--scored-fraction must be a share of the candidate tokens, 0 < F <= 1 (got -0.1)")]
    [InlineData("--scored-fraction 0", "--scored-fraction must be a share")]
    [InlineData("--mean-scored-tokens 2000", "--mean-scored-tokens must be between 1 and max_tokens (256)")]
    [InlineData("--pilot-documents -1", "--pilot-documents must be 0 or more")]
    [InlineData("--domains 0", "--domains must be between 1 and 1024 (got 0)")]
    [InlineData("--cache-hit 1", "--cache-hit must be a share of the passes, 0 <= H < 1 (got 1)")]
    public void BadValuesAreRefusedWithAClearError(string arguments, string message)
    {
        var run = CliRunner.Run(["plan", "--tokens", "1B", .. arguments.Split(' ')]).AssertCleanFailure();
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrBadManifestIsAClearError()
    {
        var missing = Path.Combine(_directory, "no-such-job", "manifest.json");
        var run = CliRunner.Run("plan", "--tokens", "1B", "--from-manifest", missing).AssertCleanFailure();
        Assert.Contains($"--from-manifest {missing}: no such file", run.Stderr, StringComparison.Ordinal);

        var bad = CliRunner.Run("plan", "--tokens", "1B", "--from-manifest", WriteManifest(1.7)).AssertCleanFailure();
        Assert.Contains("cascade.pass_rate in", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("0 < P <= 1 (got 1.7)", bad.Stderr, StringComparison.Ordinal);
    }

    private string WriteManifest(double passRate)
    {
        var path = Path.Combine(_directory, $"manifest-{passRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}.json");
        File.WriteAllText(path, $$"""
            {
              "format_version": 1,
              "spec": { "name": "nightly", "max_tokens": 256, "window_tokens": 64, "prefix": { "length": 20 } },
              "cascade": { "method": "dsir", "pass_rate": {{passRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "recall": 0.995,
                           "recall_lower": 0.991, "target_recall": 0.99, "confidence": 0.95, "pilot_documents": 4000, "pilot_kept": 420,
                           "candidate_tokens_per_document": 612.4, "scored_tokens_per_document": 231.0 }
            }
            """);
        return path;
    }

    private static double Hours(string stdout)
    {
        var line = stdout.Split('\n').Single(l => l.StartsWith("time", StringComparison.Ordinal));
        var number = line["time".Length..].Trim().Split(' ')[0];
        return double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
    }
}
