using System.Text.Json;
using Lamdas.Formats;

namespace Lamdas.Cli.Tests;

/// <summary><c>eval</c> on hand-written score files: precision, recall and the per-domain table of selected vs total.</summary>
public sealed class EvalDomainTableTests
{
    // Selected: p1, p2, p3 (Python) and j1 (Java); rejected: p4, j2, j3, g1 (Go) and u1, which has no label.
    private static readonly ScoreRow[] Rows =
    [
        new("p1", "in.jsonl", 0, 10, -20, -17, 3, true),
        new("p2", "in.jsonl", 1, 10, -20, -18, 2, true),
        new("p3", "in.jsonl", 2, 10, -20, -18.5, 1.5, true),
        new("j1", "in.jsonl", 3, 10, -20, -19, 1, true),
        new("u1", "in.jsonl", 4, 10, -20, -20, 0, false),
        new("p4", "in.jsonl", 5, 10, -20, -21, -1, false),
        new("j2", "in.jsonl", 6, 10, -20, -22, -2, false),
        new("j3", "in.jsonl", 7, 10, -20, -23, -3, false),
        new("g1", "in.jsonl", 8, 10, -20, -24, -4, false),
    ];

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task EvalPrintsPrecisionRecallAndSelectedVersusTotalPerDomain()
    {
        using var dir = new TempDirectory();
        var scores = dir.Subdirectory("out/scores");
        await using (var stream = File.Create(Path.Combine(scores, "part-00000.parquet")))
        {
            await ScoresParquet.WriteAsync(stream, Rows, CancellationToken.None);
        }

        var labels = Rows.Where(r => r.Id != "u1").Select(r => JsonSerializer.Serialize(new
        {
            id = r.Id,
            in_domain = r.Id.StartsWith('p'),
            domain = r.Id[0] switch { 'p' => "code-python", 'j' => "code-java", _ => "code-go" },
        }));
        await File.WriteAllLinesAsync(dir.FilePath("labels.jsonl"), labels);

        var eval = CliRunner.Run("eval", "--scores", dir.FilePath("out"), "--labels", dir.FilePath("labels.jsonl")).AssertSuccess();
        var lines = eval.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // 3 of the 4 selected labelled documents are Python, and 3 of the 4 Python documents were selected.
        Assert.Contains("precision        0.7500", lines);
        Assert.Contains("recall           0.7500", lines);
        Assert.Contains("documents        8 (labelled positives 4, unlabelled 1)", lines);
        var heading = lines.FindIndex(l => l.StartsWith("selected by domain", StringComparison.Ordinal));
        Assert.True(heading >= 0, eval.Describe());
        Assert.Equal("selected by domain (4 labelled documents selected)", lines[heading]);
        Assert.Equal(["domain", "label", "selected", "documents", "share", "of", "selection"], Words(lines[heading + 1]));
        // Python 3 of 4 (75% of it, 3 of the 4 selected); Java 1 of 3 (33.3%, 1 of 4 = 25%); Go 0 of 1.
        Assert.Equal(["code-python", "in", "3", "4", "75.0%", "75.0%"], Words(lines[heading + 2]));
        Assert.Equal(["code-java", "out", "1", "3", "33.3%", "25.0%"], Words(lines[heading + 3]));
        Assert.Equal(["code-go", "out", "0", "1", "0.0%", "0.0%"], Words(lines[heading + 4]));
    }

    [Fact]
    public async Task LabelsWithoutDomainsAreGroupedByLabel()
    {
        using var dir = new TempDirectory();
        var scores = dir.Subdirectory("scores");
        await using (var stream = File.Create(Path.Combine(scores, "part-00000.parquet")))
        {
            await ScoresParquet.WriteAsync(stream, Rows, CancellationToken.None);
        }

        await File.WriteAllLinesAsync(dir.FilePath("labels.jsonl"),
            Rows.Select(r => JsonSerializer.Serialize(new { id = r.Id, in_domain = r.Id.StartsWith('p') })));

        var eval = CliRunner.Run("eval", "--scores", scores, "--labels", dir.FilePath("labels.jsonl")).AssertSuccess();
        var lines = eval.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var heading = lines.FindIndex(l => l.StartsWith("selected by domain", StringComparison.Ordinal));
        // Out of domain: j1 selected of j1, j2, j3, g1 and u1 (labelled here).
        Assert.Equal(["(in", "domain)", "in", "3", "4", "75.0%", "75.0%"], Words(lines[heading + 2]));
        Assert.Equal(["(out", "of", "domain)", "out", "1", "5", "20.0%", "25.0%"], Words(lines[heading + 3]));
    }
}
