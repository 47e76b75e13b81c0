using System.Globalization;
using System.Text.Json;
using Lamdas.Benchmarks;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cli.Tests;

/// <summary><c>bench cost</c> through the program on a tiny checkpoint, and the cascade's whole-corpus curve and pilot simulation on hand-made scores.</summary>
public sealed class BenchCostTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    /// <summary>N rows; the first <paramref name="selected"/> are plain LAMDAS's selection.</summary>
    private static (List<ScoreRow> Plain, List<ScoreRow> Cascade) Rows(int n, int selected, Func<int, double> stage1)
    {
        var plain = Enumerable.Range(0, n).Select(i => new ScoreRow($"d{i}", "in.jsonl", i, 10, -20, -19, n - i, i < selected)).ToList();
        var cascade = plain.Select((r, i) => r with { Stage1Score = stage1(i) }).ToList();
        return (plain, cascade);
    }

    [Fact]
    public void TheCurveCutsAtTheLowestFirstStageScoreOfTheSelectionForFullRecall()
    {
        // 10 documents, the first 4 selected; first-stage scores 9, 8, 3, 6 for them and 7, 5, 4, 2, 1, 0 for the rest.
        double[] first = [9, 8, 3, 6, 7, 5, 4, 2, 1, 0];
        var (plain, cascade) = Rows(10, 4, i => first[i]);
        var curve = CascadeCurve.Compute(plain, cascade, null);

        var full = Assert.Single(curve, p => p.Target == 1.0);
        Assert.Equal(3, full.Cut);
        Assert.Equal(7 / 10.0, full.PassRate, 12); // 9, 8, 7, 6, 5, 4, 3
        Assert.Equal(1, full.Recall);

        // 0.9 of 4 selected documents still needs all 4 (3 of 4 is 0.75).
        Assert.Equal(3, Assert.Single(curve, p => p.Target == 0.9).Cut);
    }

    [Fact]
    public void RecordsAreMatchedByWhereTheyWereReadNotByTheirIds()
    {
        // Corpora repeat ids: two records with the id "dup" (one selected, first-stage 3; one not, first-stage 1).
        var (plain, cascade) = Rows(4, 2, i => 4 - i);
        plain = plain.Select((r, i) => i is 1 or 3 ? r with { Id = "dup" } : r).ToList();
        cascade = cascade.Select((r, i) => i is 1 or 3 ? r with { Id = "dup" } : r).ToList();
        var full = Assert.Single(CascadeCurve.Compute(plain, cascade, null), p => p.Target == 1.0);
        Assert.Equal(3, full.Cut);
        Assert.Equal(0.5, full.PassRate, 12);
        // Any cut is at a selected record's first-stage score (4 or 3), keeping one or both of the two.
        Assert.Equal(1, PilotSimulation.Run(plain, cascade, new CascadeSpec { PilotDocuments = 400, Recall = 0.5, Confidence = 0.5 }, draws: 5).Coverage);
    }

    [Fact]
    public void ASimulatedPilotOfAPerfectFirstStagePassesTheSelectionOnly()
    {
        // The first stage ranks the 20 selected documents of 100 above all others: every pilot that draws them all
        // cuts at the lowest, so the corpus's pass rate is the selected share and nothing selected is lost.
        var (plain, cascade) = Rows(100, 20, i => 100 - i);
        var result = PilotSimulation.Run(plain, cascade, new CascadeSpec { PilotDocuments = 4000, Recall = 0.99, Confidence = 0.95 }, draws: 20, seed: 3);

        Assert.Equal(0, result.NoCutShare);
        Assert.Equal(1, result.MinRecall);
        Assert.Equal(1, result.Coverage);
        Assert.Equal(0.2, result.MeanPassRate, 2);
        Assert.Equal(4000, result.MeanPilotDocuments);
    }

    [Fact]
    public void TheLowerBoundKeepsTheRealisedRecallAtTheTargetInMostDraws()
    {
        // A noisy first stage: the 300 selected documents of 3,000 score uniformly over [0.2, 1), the rest over [0, 0.8).
        // Cutting at the pilot's point estimate would miss the target in about half of the draws; the 95 % lower bound
        // must reach it in at least 90 % of them.
        var random = new Random(11);
        var scores = Enumerable.Range(0, 3000).Select(i => i < 300 ? 0.2 + (0.8 * random.NextDouble()) : 0.8 * random.NextDouble()).ToArray();
        var (plain, cascade) = Rows(3000, 300, i => scores[i]);
        var spec = new CascadeSpec { PilotDocuments = 2000, MaxPilotDocuments = 2000, Recall = 0.9, Confidence = 0.95 };
        var result = PilotSimulation.Run(plain, cascade, spec, draws: 100, seed: 5);

        Assert.Equal(0, result.NoCutShare);
        Assert.True(result.Coverage >= 0.9, $"coverage {result.Coverage}");
        Assert.True(result.MeanPassRate < 0.9, $"pass rate {result.MeanPassRate}");
    }

    [Fact]
    public void ASimulatedPilotThatKeepsTooFewGrowsToItsMaximumAndThenLetsEverythingThrough()
    {
        // 2 of 100 documents selected: a pilot of 100 keeps about 2, far below the 268 a 0.99 bound needs; it grows to
        // max_pilot (1,000: about 20 kept) and still cannot show the recall, so there is no cut.
        var (plain, cascade) = Rows(100, 2, i => 100 - i);
        var result = PilotSimulation.Run(plain, cascade, new CascadeSpec { PilotDocuments = 100, MaxPilotDocuments = 1000, Recall = 0.99 }, draws: 10, seed: 1);

        Assert.Equal(1, result.NoCutShare);
        Assert.Equal(1, result.MeanPassRate);
        Assert.Equal(1000, result.MeanPilotDocuments);
    }

    [Fact]
    [Integration]
    public async Task BenchCostRunsEachConfigurationAndResumesFromItsOutput()
    {
        using var dir = new TempDirectory();
        var lines = File.ReadLines(Path.Combine(TestPaths.Shared, "datasets", "domain-bench-dev", "code-python", "candidates.jsonl")).Take(60).ToList();
        File.WriteAllLines(dir.FilePath("in.jsonl"), lines);
        File.WriteAllLines(dir.FilePath("ref.jsonl"), File.ReadLines(TestPaths.CodePythonReference).Take(8));
        File.WriteAllLines(dir.FilePath("labels.jsonl"), lines.Select((l, i) => JsonSerializer.Serialize(new
        {
            id = JsonDocument.Parse(l).RootElement.GetProperty("id").GetString(),
            in_domain = i % 4 == 0,
        })));
        File.WriteAllText(dir.FilePath("job.yaml"), $$"""
            name: cost
            model: {{tiny.Model}}
            prefix: { reference: {{dir.FilePath("ref.jsonl")}}, length: 3, epochs: 1 }
            input: {{dir.FilePath("in.jsonl")}}
            output: {{dir.FilePath("unused")}}
            max_tokens: 32
            selection: { mode: top-fraction, fraction: 0.25 }
            """);
        string[] arguments = ["bench", "cost", "--job", dir.FilePath("job.yaml"), "--labels", dir.FilePath("labels.jsonl"), "--configs", "plain,cascade",
            "--pilot", "40", "--max-pilot", "40", "--recall", "0.5", "--confidence", "0.5", "--output", dir.FilePath("bench")];

        var first = CliRunner.Run(TimeSpan.FromMinutes(4), arguments).AssertSuccess();

        // The cascade's LLM documents are those its scores file says reached the model.
        var cascadeScores = await ScoreFiles.ReadAllAsync(new Storage.ObjectStore(), dir.FilePath("bench/job/cascade") + "/", CancellationToken.None);
        Assert.Equal(60, cascadeScores.Count);
        var reached = cascadeScores.Count(r => r.ReachedModel);
        Assert.True(reached < 60, first.Describe());
        Assert.Matches(@"\| plain \| \d+ \| 60 \(100\.0 ?%\) \| ", first.Stdout);
        Assert.Matches(string.Create(CultureInfo.InvariantCulture, $@"\| cascade \| \d+ \| {reached} \({reached / 60.0 * 100:F1} ?%\) \| "), first.Stdout);
        Assert.Contains("cascade over the whole corpus", first.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"a pilot of 10,000 \(max 40,000\) for recall 0\.9 at 95 ?% drawn 200 times", first.Stdout);
        Assert.Matches(@"a pilot of 40 \(max 40\) for recall 0\.5 at 50 ?% drawn 200 times", first.Stdout);

        // Read back: the same table, the runs not repeated.
        var second = CliRunner.Run(TimeSpan.FromMinutes(2), [.. arguments, "--resume"]).AssertSuccess();
        Assert.Contains("finished earlier, reading its output", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("training the prefix", second.Stderr, StringComparison.Ordinal);
        static string Table(string stdout) => string.Join('\n', stdout.Split('\n').Where(l => l.StartsWith("| plain", StringComparison.Ordinal) || l.StartsWith("| cascade", StringComparison.Ordinal))
            .Select(l => string.Join('|', l.Split('|').Where((_, i) => i != 2))));
        Assert.Equal(Table(first.Stdout), Table(second.Stdout));

        // The plain view alone gets the cascade's curve from the first stage run by itself: the same curve, so that
        // stage is fitted and scores exactly as the cascade's.
        var alone = CliRunner.Run(TimeSpan.FromMinutes(2), [.. arguments.Select(a => a == "plain,cascade" ? "plain" : a), "--resume"]).AssertSuccess();
        Assert.Contains("first stage alone (dsir)", alone.Stderr, StringComparison.Ordinal);
        Assert.Contains("plain with its cascade over the whole corpus", alone.Stdout, StringComparison.Ordinal);
        static string Curve(string stdout) => string.Join('\n', stdout.Split('\n').Where(l => l.StartsWith("  | 0.", StringComparison.Ordinal) || l.StartsWith("  | 1 ", StringComparison.Ordinal)));
        Assert.Equal(6, Curve(first.Stdout).Split('\n').Length);
        Assert.Equal(Curve(first.Stdout), Curve(alone.Stdout));
    }
}
