using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary><c>run</c>, <c>eval</c> and <c>bench quality</c> through the program, on a tiny checkpoint.</summary>
public sealed class JobCommandTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    private static IEnumerable<string> Candidates(int count) =>
        File.ReadLines(Path.Combine(TestPaths.Shared, "datasets", "domain-bench-dev", "code-python", "candidates.jsonl")).Take(count);

    private static void WriteLabels(string path, IEnumerable<string> lines)
    {
        var labels = lines.Select((l, i) => JsonSerializer.Serialize(new
        {
            id = JsonDocument.Parse(l).RootElement.GetProperty("id").GetString(),
            in_domain = i % 3 == 0,
        }));
        File.WriteAllLines(path, labels);
    }

    [Fact]
    [Integration]
    public void RunWritesTheOutputFolderAndEvalReadsIt()
    {
        using var dir = new TempDirectory();
        var lines = Candidates(16).ToList();
        File.WriteAllLines(dir.FilePath("in.jsonl"), lines);
        File.WriteAllLines(dir.FilePath("ref.jsonl"), File.ReadLines(TestPaths.CodePythonReference).Take(8));
        WriteLabels(dir.FilePath("labels.jsonl"), lines);
        File.WriteAllText(dir.FilePath("job.yaml"), $$"""
            name: cli-run
            model: {{tiny.Model}}
            prefix: { reference: {{dir.FilePath("ref.jsonl")}}, length: 3, epochs: 1 }
            input: {{dir.FilePath("in.jsonl")}}
            output: {{dir.FilePath("out")}}
            max_tokens: 32
            selection: { mode: top-fraction, fraction: 0.25 }
            """);

        var run = CliRunner.Run(TimeSpan.FromSeconds(300), "run", dir.FilePath("job.yaml"), "--plain", "--labels", dir.FilePath("labels.jsonl")).AssertSuccess();
        Assert.Contains("selected 4", run.Stdout, StringComparison.Ordinal);
        foreach (var file in new[] { "_SUCCESS", "manifest.json", "report.html", "scores/part-00000.parquet", "selected/part-00000.jsonl" })
        {
            Assert.True(File.Exists(dir.FilePath(Path.Combine("out", file))), file);
        }

        var selected = File.ReadAllLines(dir.FilePath("out/selected/part-00000.jsonl"));
        Assert.Equal(4, selected.Length);
        Assert.All(selected, l => Assert.Contains(l, lines));

        var eval = CliRunner.Run("eval", "--scores", dir.FilePath("out"), "--labels", dir.FilePath("labels.jsonl")).AssertSuccess();
        Assert.Contains("AUROC", eval.Stdout, StringComparison.Ordinal);
        Assert.Contains("precision@P", eval.Stdout, StringComparison.Ordinal);
        Assert.Contains("documents        16", eval.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSpecReportsEveryProblemWithItsPath()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.FilePath("job.yaml"), "name: x\nmethod: lamdas\nselection: { mode: threshold, tau: 0 }\n");
        var run = CliRunner.Run("run", dir.FilePath("job.yaml")).AssertCleanFailure();
        Assert.Contains("selection.tau must be > 0", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("input is required", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("output is required", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("prefix is required", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Integration]
    public void BenchQualityPrintsOneRowPerMethod()
    {
        using var dir = new TempDirectory();
        foreach (var task in new[] { "task-a", "task-b" })
        {
            var taskDir = dir.Subdirectory(Path.Combine("tasks", task));
            var lines = Candidates(task == "task-a" ? 12 : 9).ToList();
            File.WriteAllLines(Path.Combine(taskDir, "candidates.jsonl"), lines);
            File.WriteAllLines(Path.Combine(taskDir, "reference.jsonl"), File.ReadLines(TestPaths.CodePythonReference).Take(6));
            WriteLabels(Path.Combine(taskDir, "labels.jsonl"), lines);
        }

        var bench = CliRunner.Run(TimeSpan.FromSeconds(300), "bench", "quality", "--tasks", dir.FilePath("tasks"), "--model", tiny.Model,
            "--methods", "lamdas,dsir,random", "--max-tokens", "32", "--prefix-length", "3", "--prefix-epochs", "2", "--output", dir.FilePath("bench")).AssertSuccess();
        Assert.Contains("| method | task-a | task-b | mean P@P | mean AUROC |", bench.Stdout, StringComparison.Ordinal);
        foreach (var method in new[] { "lamdas", "dsir", "random" })
        {
            Assert.Contains($"| {method} | ", bench.Stdout, StringComparison.Ordinal);
        }
    }
}
