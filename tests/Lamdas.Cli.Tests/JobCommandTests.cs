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
            domain = i % 3 == 0 ? "python" : i % 3 == 1 ? "other-a" : "other-b",
        }));
        File.WriteAllLines(path, labels);
    }

    [Fact]
    [Integration]
    public async Task RunWritesTheOutputFolderAndEvalReadsIt()
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

        // run --labels and eval print precision, recall and selected vs total per domain, counted here from the score file:
        // documents 0, 3, 6… are "python" (in domain), 1, 4, 7… "other-a", 2, 5, 8… "other-b".
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();
        await using var parquet = File.OpenRead(dir.FilePath("out/scores/part-00000.parquet"));
        var picked = (await Lamdas.Formats.ScoresParquet.ReadAsync(parquet, CancellationToken.None))
            .Where(r => r.Selected).Select(r => ids.IndexOf(r.Id)).ToList();
        var byGroup = Enumerable.Range(0, 3).Select(g => picked.Count(i => i % 3 == g)).ToArray();
        Assert.Equal(4, byGroup.Sum());
        var precision = (byGroup[0] / 4.0).ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        var recall = (byGroup[0] / 6.0).ToString("F4", System.Globalization.CultureInfo.InvariantCulture); // 6 of the 16 are python
        foreach (var stdout in new[] { run.Stdout, eval.Stdout })
        {
            var printed = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.Contains("precision        " + precision, printed);
            Assert.Contains("recall           " + recall, printed);
            var heading = printed.FindIndex(l => l.StartsWith("selected by domain (4 labelled documents selected)", StringComparison.Ordinal));
            Assert.True(heading >= 0, stdout);
            var rows = printed.Skip(heading + 2).Take(3).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            Assert.Equal(["python", "in", byGroup[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "6"], rows[0][..4]);
            var others = rows.Skip(1).ToDictionary(r => r[0], r => (r[1], r[2], r[3]));
            Assert.Equal(("out", byGroup[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "5"), others["other-a"]);
            Assert.Equal(("out", byGroup[2].ToString(System.Globalization.CultureInfo.InvariantCulture), "5"), others["other-b"]);
        }
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
