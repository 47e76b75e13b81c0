using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// report.html of a cascade job, finalized from a hand-made shard: the cascade section's figures, and the rows the
/// first stage held back (NaN LLM scores) counted apart instead of drawn.
/// </summary>
public sealed class CascadeReportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lamdas-cascade-report-" + Guid.NewGuid().ToString("N"));

    // Three documents reached the LLM (100 + 80 + 120 tokens), three were held back (50 + 60 + 90 tokens).
    private static readonly ScoreRow[] Rows =
    [
        new("a", "in.jsonl", 0, 100, -120, -110, 2.0, true, 5.0),
        new("b", "in.jsonl", 1, 80, -90, -89.5, 0.5, false, 4.0),
        new("c", "in.jsonl", 2, 120, -150, -151, -1.0, false, 3.0),
        new("d", "in.jsonl", 3, 50, double.NaN, double.NaN, double.NaN, false, 1.0),
        new("e", "in.jsonl", 4, 60, double.NaN, double.NaN, double.NaN, false, 0.5),
        new("f", "in.jsonl", 5, 90, double.NaN, double.NaN, double.NaN, false, 0.25),
    ];

    private static readonly CascadePilot Pilot = new()
    {
        Method = "dsir",
        TargetRecall = 0.9,
        Confidence = 0.95,
        Documents = 400,
        Kept = 120,
        Cut = -2.5,
        PassRate = 0.4,
        Recall = 0.97,
        RecallLower = 0.912,
        CandidateTokensPerDocument = 812.5,
        ScoredTokensPerDocument = 64,
        Rounds = 2,
    };

    private async Task<string> RenderAsync(string name, CascadePilot? pilot, ScoreRow[] rows)
    {
        var output = Path.Combine(_root, name);
        var spec = JobSpecParser.Parse($$"""
            name: {{name}}
            model: {{Path.Combine(_root, "model")}}
            prefix: { reference: {{Path.Combine(_root, "reference.jsonl")}}, length: 4 }
            input: {{Path.Combine(_root, "in.jsonl")}}
            method: lamdas
            selection: { mode: threshold, tau: 1.0 }
            output: {{output}}/
            {{(pilot is null ? "cascade: false" : "cascade: { method: dsir, recall: 0.9, confidence: 0.95, pilot: 400 }")}}
            """);
        Directory.CreateDirectory(Path.Combine(output, "scores"));
        var scores = Path.Combine(output, "scores", "part-00000.parquet");
        await using (var stream = File.Create(scores))
        {
            await ScoresParquet.WriteAsync(stream, rows, CancellationToken.None, cascade: pilot is not null);
        }

        var reached = rows.Where(r => r.ReachedModel).ToList();
        var shard = new ShardResult
        {
            Index = 0,
            Source = Path.Combine(_root, "in.jsonl"),
            Documents = rows.Length,
            Selected = rows.Count(r => r.Selected),
            Tokens = rows.Sum(r => (long)r.Tokens),
            ModelDocuments = pilot is null ? null : reached.Count,
            ModelTokens = pilot is null ? null : reached.Sum(r => (long)r.Tokens),
            Files = [new OutputFile("scores/part-00000.parquet", new FileInfo(scores).Length, "")],
            Top = [.. reached.OrderByDescending(r => r.Score).Select(r => new Example(r.Id, r.Score, r.Tokens, "text " + r.Id))],
            Bottom = [.. reached.OrderBy(r => r.Score).Select(r => new Example(r.Id, r.Score, r.Tokens, "text " + r.Id))],
        };
        await JobFinalizer.FinalizeAsync(new ObjectStore(), spec, [], [shard], new JobProvenance { Cascade = pilot }, null, null, CancellationToken.None);
        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        var artifact = Path.Combine(AppContext.BaseDirectory, "artifacts", name + ".html");
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        await File.WriteAllTextAsync(artifact, html);
        return html;
    }

    private static string Text(XDocument page, string id) =>
        page.Descendants().Single(e => (string?)e.Attribute("id") == id).Value;

    private static string CardValue(XDocument page, string id) =>
        page.Descendants().Single(e => (string?)e.Attribute("id") == id).Descendants("div").Single(d => (string?)d.Attribute("class") == "card-value").Value;

    [Fact]
    public async Task TheCascadeSectionShowsTheCutThePilotTheRecallAndWhatWasSaved()
    {
        var page = XDocument.Parse(await RenderAsync("with-cut", Pilot, Rows));

        // 3 of 6 documents reached the LLM: 50 % passed, 3 documents (50 %) and 200 of 500 tokens (40 %) were saved.
        Assert.Contains("dsir", Text(page, "cascade-lead"), StringComparison.Ordinal);
        Assert.Contains("-2.5", Text(page, "cascade-lead"), StringComparison.Ordinal);
        Assert.Equal("3", CardValue(page, "cascade-reached"));
        Assert.Contains("50.0% of documents (pilot 40.0%)", Text(page, "cascade-reached"), StringComparison.Ordinal);
        Assert.Equal("3", CardValue(page, "cascade-documents-saved"));
        Assert.Contains("50.0% of documents", Text(page, "cascade-documents-saved"), StringComparison.Ordinal);
        Assert.Equal("200", CardValue(page, "cascade-tokens-saved"));
        Assert.Contains("40.0% of tokens", Text(page, "cascade-tokens-saved"), StringComparison.Ordinal);
        Assert.Equal("97.0%", CardValue(page, "cascade-recall"));
        Assert.Contains("≥ 91.2% at 95.0% confidence", Text(page, "cascade-recall"), StringComparison.Ordinal);

        Assert.Equal("cut (first-stage score)-2.5", Text(page, "cascade-row-cut"));
        Assert.Equal("pilot400 documents scored by both stages, 120 kept by the LLM, 2 rounds", Text(page, "cascade-row-pilot"));
        Assert.Contains("(target 90.0%)", Text(page, "cascade-row-recall"), StringComparison.Ordinal);
        Assert.Equal("pass ratepilot 40.0%, job 50.0%", Text(page, "cascade-row-pass-rate"));
        Assert.Equal("reached the LLM3 documents, 300 tokens", Text(page, "cascade-row-model"));
        Assert.Equal("saved3 documents (50.0% of documents), 200 tokens (40.0% of tokens)", Text(page, "cascade-row-saved"));
        Assert.Equal("tokens per documentcandidate 812.5, scored 64.0 (cut at max tokens)", Text(page, "cascade-row-tokens"));
    }

    [Fact]
    public async Task HeldBackRowsAreCountedApartAndNeverDrawnAsNaN()
    {
        var html = await RenderAsync("held-back", Pilot, Rows);
        var page = XDocument.Parse(html);

        Assert.StartsWith("3 documents held back by the first stage", Text(page, "held-back"), StringComparison.Ordinal);
        Assert.Contains("83.3% of documents, 3 by the first stage", Text(page, "count-rejected"), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);

        // The histogram holds exactly the three LLM-scored rows, one of them selected; the scatter plot three points.
        var histogram = page.Descendants().Single(e => e.Name.LocalName == "svg" && ((string?)e.Attribute("class"))!.Contains("histogram", StringComparison.Ordinal));
        var perBin = histogram.Descendants().Where(e => e.Name.LocalName == "rect" && e.Attribute("data-bin") is not null)
            .GroupBy(e => (string)e.Attribute("data-bin")!)
            .Select(g => Regex.Match(g.First().Value, @": (\d+) selected, (\d+) rejected$"))
            .ToList();
        Assert.All(perBin, m => Assert.True(m.Success));
        Assert.Equal(1, perBin.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(2, perBin.Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        var scatter = page.Descendants().Single(e => e.Name.LocalName == "svg" && ((string?)e.Attribute("class"))!.Contains("scatter", StringComparison.Ordinal));
        Assert.Equal(3, scatter.Descendants().Count(e => e.Name.LocalName == "circle"));
    }

    [Fact]
    public async Task APilotWithoutACutShowsItsNoteAndNoRecallCard()
    {
        const string note = "no cut keeps a recall of at least 0.9 at 95% confidence";
        var pilot = Pilot with { Cut = null, Note = note, PassRate = 1, Recall = 1, RecallLower = 0 };
        var page = XDocument.Parse(await RenderAsync("no-cut", pilot, Rows[..3]));

        Assert.Contains(note, Text(page, "cascade-lead"), StringComparison.Ordinal);
        Assert.Equal("cut (first-stage score)none: every document reaches the LLM", Text(page, "cascade-row-cut"));
        Assert.DoesNotContain(page.Descendants(), e => (string?)e.Attribute("id") == "cascade-recall");
        Assert.DoesNotContain(page.Descendants(), e => (string?)e.Attribute("id") == "held-back");
        Assert.Equal("3", CardValue(page, "cascade-reached"));
        Assert.Equal("0", CardValue(page, "cascade-documents-saved"));
    }

    [Fact]
    public async Task AJobWithoutACascadeHasNoCascadeSection()
    {
        var html = await RenderAsync("plain", null, [.. Rows[..3].Select(r => r with { Stage1Score = null })]);

        Assert.DoesNotContain("id=\"cascade\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"held-back\"", html, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
