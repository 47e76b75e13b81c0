using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

[Integration]
public sealed class JobRunnerTests : IClassFixture<TestWorkspace>
{
    private readonly TestWorkspace _workspace;

    public JobRunnerTests(TestWorkspace workspace) => this._workspace = workspace;

    private string Spec(string name, string input, string extra) => $$"""
        name: {{name}}
        model: {{_workspace.Model}}
        prefix: { reference: {{_workspace.Reference}}, length: 4, epochs: 2 }
        input: {{input}}
        output: {{_workspace.Path("out-" + name)}}
        max_tokens: 64
        batch_tokens: 1024
        {{extra}}
        """;

    private static async Task<JobOutcome> Run(string yaml) =>
        await new JobRunner(JobSpecParser.Parse(yaml), new JobRunnerOptions()).RunAsync(CancellationToken.None);

    private static List<ScoreRow> Scores(string output) => ScoreFilesOnDisk.Read(output);

    [Fact]
    public async Task ThresholdJobWritesByteIdenticalSelectedRecordsAndQuarantinesBadOnes()
    {
        var input = _workspace.Path("threshold.jsonl");
        var lines = _workspace.CandidateLines.Take(30).ToList();
        var bad = new[] { "{not json", "{\"id\": \"no-text\"}", "{\"id\": \"empty\", \"text\": \"\"}", "[1, 2, 3]" };
        var all = lines.Take(10).Concat(bad).Concat(lines.Skip(10)).ToList();
        File.WriteAllText(input, string.Join("\n", all) + "\n");
        var output = _workspace.Path("out-threshold");

        var outcome = await Run(Spec("threshold", input, "selection: { mode: threshold, tau: 1.0 }\nmax_bad_fraction: 0.5"));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(30, outcome.Documents);
        Assert.Equal(4, outcome.Quarantined);
        var scores = Scores(output);
        Assert.Equal(30, scores.Count);
        var expectedIds = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(expectedIds, scores.Select(s => (string?)s.Id).ToList());
        foreach (var s in scores)
        {
            Assert.Equal(s.Score > 0, s.Selected);
            Assert.Equal(s.LogProbPrefix - s.LogProbBase, s.Score, 9);
        }

        var selectedIds = scores.Where(s => s.Selected).Select(s => s.Id).ToHashSet();
        var selectedFile = Path.Combine(output, "selected", "part-00000.jsonl");
        if (selectedIds.Count > 0)
        {
            var expected = lines.Where(l => selectedIds.Contains(JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!));
            Assert.Equal(string.Join("\n", expected) + "\n", File.ReadAllText(selectedFile, Encoding.UTF8));
        }

        var quarantine = File.ReadAllLines(Path.Combine(output, "quarantine", "part-00000.jsonl"));
        Assert.Equal(4, quarantine.Length);
        Assert.Contains(quarantine, q => q.Contains("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(quarantine, q => q.Contains("missing text", StringComparison.Ordinal));
        Assert.Contains(quarantine, q => q.Contains("empty", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.True(File.Exists(Path.Combine(output, "prefix", "prefix.safetensors")));
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;
        Assert.Equal(30, manifest.GetProperty("totals").GetProperty("documents").GetInt64());
        Assert.Equal(1, manifest.GetProperty("shards").GetArrayLength());
        Assert.StartsWith("sha256:", manifest.GetProperty("model").GetProperty("fingerprint").GetString());

        var before = Directory.GetFiles(Path.Combine(output, "scores")).Select(File.ReadAllBytes).ToList();
        var again = await Run(Spec("threshold", input, "selection: { mode: threshold, tau: 1.0 }\nmax_bad_fraction: 0.5"));
        Assert.True(again.Succeeded);
        Assert.Equal(before, Directory.GetFiles(Path.Combine(output, "scores")).Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public async Task AContrastivePrefixTrainsAgainstASampleOfTheJobsCandidates()
    {
        var input = _workspace.Path("contrast.jsonl");
        File.WriteAllText(input, string.Join("\n", _workspace.CandidateLines.Take(20)) + "\n");
        var yaml = Spec("contrast", input, "selection: { mode: threshold, tau: 1.0 }")
            .Replace("length: 4, epochs: 2 }", "length: 4, epochs: 2, contrast: 0.5, background: 12 }", StringComparison.Ordinal);
        Assert.Contains("contrast: 0.5", yaml, StringComparison.Ordinal);

        var outcome = await Run(yaml);

        Assert.True(outcome.Succeeded, outcome.Message);
        var prefix = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Path("out-contrast"), "prefix", "prefix.json"))).RootElement;
        var hyper = prefix.GetProperty("hyper_parameters");
        Assert.Equal(0.5, hyper.GetProperty("contrast_weight").GetDouble());

        // 12 sampled candidates, none held out (prefix training holds nothing out by default).
        Assert.Equal(12, hyper.GetProperty("background_windows").GetInt32());
        Assert.Equal(0, hyper.GetProperty("validation_fraction").GetDouble());
    }

    [Fact]
    public async Task ThePrefixTrainingReportsEveryEpochAsThePrefixRecordsIt()
    {
        var input = _workspace.Path("epochs.jsonl");
        File.WriteAllText(input, string.Join("\n", _workspace.CandidateLines.Take(10)) + "\n");
        var reports = new List<JobProgress>();
        var spec = JobSpecParser.Parse(Spec("epochs", input, "selection: { mode: threshold, tau: 1.0 }"));

        var outcome = await new JobRunner(spec, new JobRunnerOptions { Progress = p => reports.Add(p) }).RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        var epochs = reports.Where(r => r.Prefix is not null).ToList();
        Assert.All(epochs, r => Assert.Equal("preparing", r.Phase));
        var prefix = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Path("out-epochs"), "prefix", "prefix.json"))).RootElement;
        var recorded = prefix.GetProperty("epochs").EnumerateArray().ToList();

        // Epoch 0 (the initialisation, no training NLL), then every epoch the prefix records, with its figures.
        Assert.Equal(Enumerable.Range(0, recorded.Count + 1), epochs.Select(r => r.Prefix!.Epoch));
        Assert.Null(epochs[0].Prefix!.TrainNll);
        // The epochs it may run: the spec's 2, or the count the cross-validation of a small reference set chose.
        var most = prefix.TryGetProperty("cross_validation", out var cv) ? cv.GetProperty("chosen_epochs").GetInt32() : 2;
        Assert.All(epochs, r => Assert.Equal(most, r.Prefix!.Epochs));
        for (var i = 0; i < recorded.Count; i++)
        {
            var p = epochs[i + 1].Prefix!;
            Assert.Equal(recorded[i].GetProperty("train_nll").GetDouble(), p.TrainNll!.Value, 12);
            Assert.Equal(recorded[i].GetProperty("validation_nll").GetDouble(), p.HeldOutNll, 12);
            Assert.Equal(prefix.GetProperty("validation_held_out").GetBoolean(), p.HeldOut);
            Assert.True(p.SecondsPerEpoch > 0);
        }
    }

    [Fact]
    public async Task TooManyBadRecordsFailsWithoutSuccessMarker()
    {
        var input = _workspace.Path("bad.jsonl");
        File.WriteAllText(input, string.Join("\n", _workspace.CandidateLines.Take(5).Concat(["{oops", "{oops", "{oops"])) + "\n");
        var outcome = await Run(Spec("bad", input, "selection: { mode: threshold, tau: 1.0 }"));
        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.Quarantined);
        Assert.False(File.Exists(Path.Combine(_workspace.Path("out-bad"), "_SUCCESS")));
        Assert.True(File.Exists(Path.Combine(_workspace.Path("out-bad"), "manifest.json")));
    }

    [Fact]
    public async Task TopFractionKeepsExactlyTheBestShareAcrossShards()
    {
        var dir = _workspace.Path("topin");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.jsonl"), string.Join("\n", _workspace.CandidateLines.Take(20)) + "\n");
        File.WriteAllText(Path.Combine(dir, "b.jsonl"), string.Join("\n", _workspace.CandidateLines.Skip(20).Take(20)) + "\n");
        var outcome = await Run(Spec("top", Path.Combine(dir, "*.jsonl"), "selection: { mode: top-fraction, fraction: 0.25 }"));
        Assert.True(outcome.Succeeded, outcome.Message);
        var scores = Scores(_workspace.Path("out-top"));
        Assert.Equal(40, scores.Count);
        Assert.Equal(10, scores.Count(s => s.Selected));
        var cut = scores.Where(s => s.Selected).Min(s => s.Score);
        Assert.All(scores.Where(s => !s.Selected), s => Assert.True(s.Score <= cut));
        var selectedLines = Directory.GetFiles(Path.Combine(_workspace.Path("out-top"), "selected")).SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(10, selectedLines.Count);
    }

    [Fact]
    public async Task OutputOfAnotherJobIsNotOverwritten()
    {
        var input = _workspace.Path("guard.jsonl");
        File.WriteAllText(input, string.Join("\n", _workspace.CandidateLines.Take(4)) + "\n");
        await Run(Spec("guard", input, "selection: { mode: threshold, tau: 1.0 }"));
        var error = await Assert.ThrowsAsync<JobFailedException>(() => Run(Spec("guard", input, "selection: { mode: threshold, tau: 2.0 }")));
        Assert.Contains("different job", error.Message);
    }

    [Theory]
    [InlineData("dsir")]
    [InlineData("tfidf")]
    [InlineData("random")]
    [InlineData("ppl")]
    public async Task BaselinesRunThroughTheSameMachinery(string method)
    {
        var input = _workspace.Path($"baseline-{method}.jsonl");
        File.WriteAllText(input, string.Join("\n", _workspace.CandidateLines.Take(15)) + "\n");
        var yaml = $$"""
            name: b-{{method}}
            model: {{_workspace.Model}}
            reference: {{_workspace.Reference}}
            input: {{input}}
            output: {{_workspace.Path("out-b-" + method)}}
            method: {{method}}
            max_tokens: 64
            selection: { mode: top-fraction, fraction: 0.2 }
            """;
        var outcome = await Run(yaml);
        Assert.True(outcome.Succeeded, outcome.Message);
        var scores = Scores(_workspace.Path("out-b-" + method));
        Assert.Equal(15, scores.Count);
        Assert.Equal(3, scores.Count(s => s.Selected));
        Assert.All(scores, s => Assert.False(double.IsNaN(s.Score)));
    }

    [Fact]
    public async Task ReportSnippetsKeepWholeCharactersAndReadFromColumnZero()
    {
        // Emoji from the second character on: a cut after 400 characters falls inside a surrogate pair.
        var emoji = "a" + string.Concat(Enumerable.Repeat("\U0001F600", 300));
        var input = _workspace.Path("snippets.jsonl");
        File.WriteAllLines(input, Enumerable.Range(0, 6).Select(i => JsonSerializer.Serialize(new { id = $"d{i}", text = i % 2 == 0 ? emoji + i : $"        def f{i}(self):\n            return {i}\n" })));
        var output = _workspace.Path("out-snippets");
        var yaml = $$"""
            name: snippets
            model: {{_workspace.Model}}
            reference: {{_workspace.Reference}}
            input: {{input}}
            output: {{output}}
            method: random
            max_tokens: 64
            selection: { mode: top-fraction, fraction: 0.5 }
            """;

        var outcome = await Run(yaml);

        Assert.True(outcome.Succeeded, outcome.Message);
        var page = XDocument.Parse(File.ReadAllText(Path.Combine(output, "report.html")));
        var snippets = page.Descendants("div").Where(d => (string?)d.Attribute("class") == "snippet").Select(d => d.Value).ToList();
        Assert.NotEmpty(snippets);
        Assert.All(snippets, s => Assert.DoesNotContain('\uFFFD', s));
        Assert.Contains(snippets, s => s == "a" + string.Concat(Enumerable.Repeat("\U0001F600", 199)) + "…");
        Assert.Contains("def f1(self):\n    return 1", snippets);
    }

    [Fact]
    public async Task ResumingOverChangedInputIsRefusedInsteadOfMixingRuns()
    {
        var input = _workspace.Path("changing.jsonl");
        File.WriteAllText(input, string.Join("\n", _workspace.CandidateLines.Take(8)) + "\n");
        var yaml = $$"""
            name: changing
            input: {{input}}
            method: random
            selection: { mode: threshold, threshold: 0.5 }
            output: {{_workspace.Path("out-changing")}}
            """;
        Assert.True((await Run(yaml)).Succeeded);

        // The same spec again over the same files resumes (every shard is adopted); over grown files it must not.
        Assert.True((await Run(yaml)).Succeeded);
        File.AppendAllText(input, _workspace.CandidateLines[20] + "\n");
        var error = await Assert.ThrowsAsync<JobFailedException>(() => Run(yaml));
        Assert.Contains("different input files", error.Message, StringComparison.Ordinal);
    }
}
