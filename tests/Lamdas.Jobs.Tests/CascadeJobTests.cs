using System.Text.Json;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>Cascade jobs end to end on the tiny model: the pilot's cut, what reaches the LLM, and what is written.</summary>
[Integration]
public sealed class CascadeJobTests : IClassFixture<TestWorkspace>
{
    private const int Candidates = 240;

    private readonly TestWorkspace _workspace;

    public CascadeJobTests(TestWorkspace workspace) => _workspace = workspace;

    private string Input()
    {
        var input = _workspace.Path("cascade-candidates.jsonl");
        if (!File.Exists(input))
        {
            var bench = Path.GetFullPath(Path.Combine(TestWorkspace.RepoRoot, "..", "shared", "datasets", "domain-bench-dev", "code-python", "candidates.jsonl"));
            File.WriteAllLines(input, File.ReadLines(bench).Where(l => l.Length > 0).Take(Candidates));
        }

        return input;
    }

    private string Spec(string name, string cascade, string selection = "{ mode: top-fraction, fraction: 0.3 }") => $$"""
        name: {{name}}
        model: {{_workspace.Model}}
        prefix: { reference: {{_workspace.Reference}}, length: 4, epochs: 1 }
        input: {{Input()}}
        output: {{_workspace.Path("out-" + name)}}
        max_tokens: 48
        batch_tokens: 2048
        selection: {{selection}}
        {{cascade}}
        """;

    private static async Task<JobOutcome> Run(string yaml) =>
        await new JobRunner(JobSpecParser.Parse(yaml), new JobRunnerOptions()).RunAsync(CancellationToken.None);

    private static List<ScoreRow> Scores(string output) => ScoreFilesOnDisk.Read(output);

    [Fact]
    public async Task ThePilotsCutDecidesWhatReachesTheLlmAndTheLlmScoresMatchAPlainJob()
    {
        var plain = await Run(Spec("plain", "cascade: false"));
        var cascade = await Run(Spec("cut", "cascade: { pilot: 100, max_pilot: 100, recall: 0.8, confidence: 0.9 }"));
        Assert.True(plain.Succeeded, plain.Message);
        Assert.True(cascade.Succeeded, cascade.Message);
        var plainRows = Scores(_workspace.Path("out-plain"));
        var rows = Scores(_workspace.Path("out-cut"));
        Assert.All(plainRows, r => Assert.Null(r.Stage1Score));
        Assert.Equal(plainRows.Select(r => r.Id), rows.Select(r => r.Id));

        // The pilot is the shard's first 100 documents; plain LAMDAS keeps the best 30 % of them. Its cut, worked out
        // here from the plain job's scores and the Wilson bound at z = 1.2815516 (90 %): the highest first-stage score
        // that keeps enough of those 30 for the bound to reach 0.8.
        var pilot = JsonSerializer.Deserialize<CascadePilot>(File.ReadAllText(Path.Combine(_workspace.Path("out-cut"), "cascade", "pilot.json")))!;
        var pilotRows = rows.Take(100).ToList();
        var keptIds = plainRows.Take(100).OrderByDescending(r => r.Score).Take(30).Select(r => r.Id).ToHashSet();
        var keptStage1 = pilotRows.Where(r => keptIds.Contains(r.Id)).Select(r => r.Stage1Score!.Value).OrderDescending().ToList();
        const double z = 1.2815516;
        double? expectedCut = null;
        for (var hits = 1; hits <= 30 && expectedCut is null; hits++)
        {
            double p = hits / 30.0, n = 30;
            var lower = (p + (z * z / (2 * n)) - (z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))))) / (1 + (z * z / n));
            if (lower >= 0.8 && (hits == 30 || keptStage1[hits] != keptStage1[hits - 1]))
            {
                expectedCut = keptStage1[hits - 1];
            }
        }

        Assert.Equal(100, pilot.Documents);
        Assert.Equal(30, pilot.Kept);
        Assert.NotNull(expectedCut);
        Assert.Equal(expectedCut, pilot.Cut);
        Assert.Equal(pilotRows.Count(r => r.Stage1Score >= pilot.Cut) / 100.0, pilot.PassRate, 12);

        // Below the cut: no LLM scores, never selected. At or above it: the plain job's scores.
        var plainById = plainRows.ToDictionary(r => r.Id);
        Assert.Contains(rows, r => !r.ReachedModel);
        foreach (var row in rows)
        {
            Assert.Equal(row.Stage1Score >= pilot.Cut, row.ReachedModel);
            if (row.ReachedModel)
            {
                // Equal up to float rounding: the LLM batches only the documents that passed, so its batches differ.
                Assert.Equal(plainById[row.Id].Score, row.Score, 1e-6 * Math.Max(1, Math.Abs(row.Score)));
                Assert.Equal(plainById[row.Id].LogProbBase, row.LogProbBase, 1e-6 * Math.Abs(row.LogProbBase));
            }
            else
            {
                Assert.True(double.IsNaN(row.Score) && double.IsNaN(row.LogProbBase) && double.IsNaN(row.LogProbPrefix));
                Assert.False(row.Selected);
            }
        }

        // Top-fraction counts every document: 30 % of 240 = 72, taken from the documents the LLM scored, best first.
        var selected = rows.Where(r => r.Selected).ToList();
        Assert.Equal(72, selected.Count);
        Assert.True(selected.Min(r => r.Score) >= rows.Where(r => r.ReachedModel && !r.Selected).Max(r => r.Score));
        var selectedLines = Directory.GetFiles(Path.Combine(_workspace.Path("out-cut"), "selected")).SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(selected.Select(r => r.Id), selectedLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Path("out-cut"), "manifest.json"))).RootElement.GetProperty("cascade");
        var reached = rows.Count(r => r.ReachedModel);
        Assert.Equal(reached, manifest.GetProperty("model_documents").GetInt64());
        Assert.Equal(Candidates - reached, manifest.GetProperty("documents_saved").GetInt64());
        Assert.Equal(rows.Where(r => !r.ReachedModel).Sum(r => (long)r.Tokens), manifest.GetProperty("tokens_saved").GetInt64());
        Assert.Equal(reached / (double)Candidates, manifest.GetProperty("pass_rate").GetDouble(), 12);
        Assert.Equal(pilot.Cut, manifest.GetProperty("cut").GetDouble());
        Assert.True(manifest.GetProperty("candidate_tokens_per_document").GetDouble() > manifest.GetProperty("scored_tokens_per_document").GetDouble());
        Assert.True(manifest.GetProperty("scored_tokens_per_document").GetDouble() <= 48);

        // A second run (the shards' completion markers removed, so it scores them again) reuses the pilot and writes the same bytes.
        var first = Directory.GetFiles(Path.Combine(_workspace.Path("out-cut"), "scores")).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        foreach (var marker in Directory.GetFiles(Path.Combine(_workspace.Path("out-cut"), "_progress"), "part-*"))
        {
            File.Delete(marker);
        }

        Assert.True((await Run(Spec("cut", "cascade: { pilot: 100, max_pilot: 100, recall: 0.8, confidence: 0.9 }"))).Succeeded);
        Assert.Equal(first, Directory.GetFiles(Path.Combine(_workspace.Path("out-cut"), "scores")).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public async Task ACorpusSmallerThanThePilotLetsEveryDocumentThroughWithoutAPilotPass()
    {
        var outcome = await Run(Spec("small", "cascade: { pilot: 1000 }", "{ mode: threshold, tau: 1.0 }"));

        Assert.True(outcome.Succeeded, outcome.Message);
        var rows = Scores(_workspace.Path("out-small"));
        Assert.Equal(Candidates, rows.Count);
        Assert.All(rows, r => Assert.True(r.ReachedModel && r.Stage1Score.HasValue && !double.IsNaN(r.Score)));
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Path("out-small"), "manifest.json"))).RootElement.GetProperty("cascade");
        Assert.Equal(JsonValueKind.Null, manifest.GetProperty("cut").ValueKind);
        Assert.Equal(1.0, manifest.GetProperty("pass_rate").GetDouble());
        Assert.Equal(0, manifest.GetProperty("pilot_kept").GetInt32());
        Assert.Contains("fewer documents than the pilot", manifest.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APilotWithTooFewKeptDocumentsGrowsUpToItsLimit()
    {
        // Threshold τ = e^50 keeps nothing: the pilot grows from 20 to its limit of 60 and then lets everything through.
        var outcome = await Run(Spec("grow", "cascade: { pilot: 20, max_pilot: 60 }", "{ mode: threshold, tau: 5.2e21 }"));

        Assert.True(outcome.Succeeded, outcome.Message);
        var pilot = JsonSerializer.Deserialize<CascadePilot>(File.ReadAllText(Path.Combine(_workspace.Path("out-grow"), "cascade", "pilot.json")))!;
        Assert.Null(pilot.Cut);
        Assert.Equal(60, pilot.Documents);
        Assert.Equal(2, pilot.Rounds);
        Assert.Contains("raise cascade.max_pilot", pilot.Note, StringComparison.Ordinal);
        Assert.All(Scores(_workspace.Path("out-grow")), r => Assert.True(r.ReachedModel));
    }
}
