using System.Diagnostics;

namespace Lamdas.Cli.Tests;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM sent to a long-running command: it stops within one optimiser step or batch, leaves no
/// partial output, says it was interrupted and exits 130.
/// </summary>
[Integration]
public sealed class InterruptTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(20);

    private static string DefaultModel => Path.Combine(TestPaths.RepositoryRoot, "models", "lamdas-tiny");

    private static string Candidates => Path.Combine(TestPaths.Shared, "datasets", "domain-bench-dev", "code-python", "candidates.jsonl");

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task RunStopsDuringPrefixTrainingAndExits130(string signal)
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.FilePath("ref.jsonl"), File.ReadLines(TestPaths.CodePythonReference).Take(40));
        File.WriteAllLines(dir.FilePath("in.jsonl"), File.ReadLines(Candidates).Take(16));
        File.WriteAllText(dir.FilePath("job.yaml"), $$"""
            name: interrupted
            model: {{DefaultModel}}
            prefix: { reference: {{dir.FilePath("ref.jsonl")}}, length: 8, epochs: 100 }
            input: {{dir.FilePath("in.jsonl")}}
            output: {{dir.FilePath("out")}}
            max_tokens: 64
            selection: { mode: threshold, tau: 1.0 }
            """);

        using var run = CliProcess.Start("run", dir.FilePath("job.yaml"), "--plain");
        await run.WaitForStderrAsync("training on ", TimeSpan.FromMinutes(4));
        run.Signal(signal);
        var clock = Stopwatch.StartNew();
        var result = run.WaitForExit(StopWithin);
        Assert.True(result is not null, $"still running {StopWithin.TotalSeconds:F0} s after SIG{signal}\n{run.Describe()}");
        Assert.True(result.ExitCode == 130, "expected exit code 130\n" + result.Describe());
        Assert.Contains("interrupted", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("run the same command again to resume", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);

        // Training writes the prefix only when it is complete, and the job got no further.
        Assert.False(File.Exists(dir.FilePath(Path.Combine("out", "prefix", "prefix.safetensors"))), "a prefix was written");
        Assert.False(File.Exists(dir.FilePath(Path.Combine("out", "_SUCCESS"))));
        Console.WriteLine($"lamdas run stopped {clock.Elapsed.TotalSeconds:F1} s after SIG{signal}");
    }

    [Fact]
    public async Task PrefixTrainStopsWithinAStepAndWritesNoPrefix()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.FilePath("ref.jsonl"), File.ReadLines(TestPaths.CodePythonReference).Take(40));
        using var train = CliProcess.Start("prefix", "train", "--model", DefaultModel, "--reference", dir.FilePath("ref.jsonl"),
            "--output", dir.FilePath("prefix"), "--length", "8", "--epochs", "1000", "--patience", "1000", "--max-tokens", "64",
            "--validation-fraction", "0.25");
        await train.WaitForStderrAsync("training on ", TimeSpan.FromMinutes(3));
        train.Signal("INT");
        var result = train.WaitForExit(StopWithin);
        Assert.True(result is not null, $"still running {StopWithin.TotalSeconds:F0} s after SIGINT\n{train.Describe()}");
        Assert.True(result.ExitCode == 130, "expected exit code 130\n" + result.Describe());
        Assert.Contains("interrupted: no prefix was written", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.FilePath("prefix")), "a prefix directory was written");
    }

    [Fact]
    public async Task LogProbStopsWithinABatchAndLeavesNoPartialOutput()
    {
        using var dir = new TempDirectory();
        var output = dir.FilePath("logprobs.jsonl");
        using var logprob = CliProcess.Start("logprob", "--model", DefaultModel, "--input", Candidates, "--output", output);

        // The output is written to OUTPUT.tmp while scoring runs, and renamed only when every document is done.
        await logprob.WaitUntilAsync(() => File.Exists(output + ".tmp"), "scoring", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        logprob.Signal("INT");
        var result = logprob.WaitForExit(StopWithin);
        Assert.True(result is not null, $"still running {StopWithin.TotalSeconds:F0} s after SIGINT\n{logprob.Describe()}");
        Assert.True(result.ExitCode == 130, "expected exit code 130\n" + result.Describe());
        Assert.Contains("interrupted: no output was written", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "the output appeared although scoring was interrupted");
        Assert.False(File.Exists(output + ".tmp"), "the partial output was left behind");
    }
}
