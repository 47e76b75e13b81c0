using System.Text.RegularExpressions;

namespace Lamdas.Cli.Tests;

/// <summary><c>run --plain</c> as a log sees it: a progress line per change of phase, none repeated, real counts at the end.</summary>
public sealed partial class PlainProgressTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    [GeneratedRegex("^(planning|preparing|scoring|finalizing|succeeded|failed)( shards \\d+/\\d+: |: |$)")]
    private static partial Regex ProgressLine();

    [Fact]
    [Integration]
    public void PlainRunPrintsOnlyLinesThatChangedAndEndsWithTheRealCounts()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.FilePath("in.jsonl"),
            File.ReadLines(Path.Combine(TestPaths.Shared, "datasets", "domain-bench-dev", "code-python", "candidates.jsonl")).Take(24));
        File.WriteAllLines(dir.FilePath("ref.jsonl"), File.ReadLines(TestPaths.CodePythonReference).Take(8));
        File.WriteAllText(dir.FilePath("job.yaml"), $$"""
            name: plain-progress
            model: {{tiny.Model}}
            prefix: { reference: {{dir.FilePath("ref.jsonl")}}, length: 3, epochs: 2 }
            input: {{dir.FilePath("in.jsonl")}}
            output: {{dir.FilePath("out")}}
            max_tokens: 32
            selection: { mode: top-fraction, fraction: 0.25 }
            """);

        var run = CliRunner.Run(TimeSpan.FromSeconds(300), "run", dir.FilePath("job.yaml"), "--plain").AssertSuccess();

        var lines = run.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => ProgressLine().IsMatch(l)).ToList();
        Assert.True(lines.Count >= 2, run.ToString());

        // Never the same line twice, and (the run takes well under 30 s) one line per phase at most, in phase order.
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
        var phases = lines.Select(l => l.Split(' ', ':')[0]).ToList();
        Assert.True(phases.Distinct().Count() == phases.Count || run.Elapsed > TimeSpan.FromSeconds(30), string.Join('\n', lines));
        Assert.Equal("succeeded", phases[^1]);

        // The last line has the job's real counts, as the summary on stdout gives them.
        Assert.StartsWith("succeeded shards 1/1: 24 docs, selected 25.0%", lines[^1], StringComparison.Ordinal);
        Assert.Contains("documents 24, selected 6 (25.0%)", run.Stdout, StringComparison.Ordinal);
    }
}
