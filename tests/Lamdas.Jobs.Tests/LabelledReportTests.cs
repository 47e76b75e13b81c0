using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// report.html of a labelled job finalized from a hand-made shard and its input: the per-domain table, the examples
/// read back from the input, and the length chart in characters when every document was cut at max tokens.
/// </summary>
public sealed class LabelledReportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lamdas-labelled-report-" + Guid.NewGuid().ToString("N"));

    // id, domain, in domain, score, whole text length in characters; the threshold is ln 1 = 0.
    private static readonly (string Id, string Domain, bool InDomain, double Score, int Chars)[] Documents =
    [
        ("a", "code-python", true, 3, 10),
        ("b", "code-java", false, 2, 100),
        ("c", "code-python", true, 0.5, 1000),
        ("d", "code-python", true, -0.5, 50),
        ("e", "code-perl", false, -1, 500),
        ("f", "code-java", false, -2, 5000),
    ];

    private static string Text(string id, int chars) => (id + " <text> ").PadRight(chars, id[0])[..chars];

    private async Task<(string Html, XDocument Page)> RenderAsync(bool labelled, bool keepInput = true)
    {
        Directory.CreateDirectory(_root);
        var input = Path.Combine(_root, "in.jsonl");
        var output = Path.Combine(_root, "out");
        var lines = new StringBuilder();
        var rows = new List<ScoreRow>();
        foreach (var (id, _, _, score, chars) in Documents)
        {
            rows.Add(new ScoreRow(id, input, Encoding.UTF8.GetByteCount(lines.ToString()), 16, -40, -40 + score, score, score > 0));
            lines.Append(JsonSerializer.Serialize(new { id, text = Text(id, chars) })).Append('\n');
        }

        await File.WriteAllTextAsync(input, lines.ToString());
        var labels = Path.Combine(_root, "labels.jsonl");
        await File.WriteAllLinesAsync(labels, Documents.Select(d => JsonSerializer.Serialize(new { id = d.Id, in_domain = d.InDomain, domain = d.Domain })));
        var spec = JobSpecParser.Parse($$"""
            name: labelled
            model: {{Path.Combine(_root, "model")}}
            prefix: { reference: {{Path.Combine(_root, "reference.jsonl")}}, length: 4 }
            input: {{input}}
            method: lamdas
            selection: { mode: threshold, tau: 1.0 }
            max_tokens: 16
            output: {{output}}/
            cascade: false
            """);
        Directory.CreateDirectory(Path.Combine(output, "scores"));
        var scores = Path.Combine(output, "scores", "part-00000.parquet");
        await using (var stream = File.Create(scores))
        {
            await ScoresParquet.WriteAsync(stream, rows, CancellationToken.None);
        }

        var shard = new ShardResult
        {
            Index = 0,
            Source = input,
            Start = 0,
            End = new FileInfo(input).Length,
            Documents = rows.Count,
            Selected = rows.Count(r => r.Selected),
            Tokens = rows.Count * 16,
            Files = [new OutputFile("scores/part-00000.parquet", new FileInfo(scores).Length, "")],
        };
        if (!keepInput)
        {
            File.Delete(input);
        }

        await JobFinalizer.FinalizeAsync(new ObjectStore(), spec, [], [shard], new JobProvenance(), labelled ? labels : null, null, CancellationToken.None);
        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        var artifact = Path.Combine(AppContext.BaseDirectory, "artifacts", $"labelled-{labelled}-{keepInput}.html");
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        await File.WriteAllTextAsync(artifact, html);
        return (html, XDocument.Parse(html));
    }

    private static List<List<string>> Cells(XDocument page, string tableId) =>
        [.. page.Descendants("table").Single(t => (string?)t.Attribute("id") == tableId)
            .Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList())];

    private static string CardValue(XDocument page, string id) =>
        page.Descendants().Single(e => (string?)e.Attribute("id") == id).Descendants("div").Single(d => (string?)d.Attribute("class") == "card-value").Value;

    [Fact]
    public async Task TheDomainTableAndTheWorstErrorsComeFromTheLabelsAndTheInput()
    {
        var (_, page) = await RenderAsync(labelled: true);

        // Selected: a, b, c. Python: a, c of a, c, d; Java: b of b, f; Perl: none of e.
        Assert.Equal(
            [
                ["code-python", "in domain", "2", "3", "66.7%", "66.7%"],
                ["code-java", "out of domain", "1", "2", "50.0%", "33.3%"],
                ["code-perl", "out of domain", "0", "1", "0.0%", "0.0%"],
            ],
            Cells(page, "domain-table"));
        Assert.Equal("66.7%", CardValue(page, "count-precision")); // a, c of a, b, c
        Assert.Equal("66.7%", CardValue(page, "count-recall"));    // a, c of a, c, d

        // The texts are the input's, read back by position.
        Assert.Equal([["1", "b", "code-java", "2", "16", Text("b", 100)]], Cells(page, "false-positive-table"));
        Assert.Equal([["1", "d", "code-python", "-0.5", "16", Text("d", 50)]], Cells(page, "false-negative-table"));
        Assert.Equal(["c", "b", "a"], Cells(page, "just-above").Select(r => r[1]));
        Assert.Equal(["d", "e", "f"], Cells(page, "just-below").Select(r => r[1]));
        Assert.Equal(Text("c", 1000)[..399] + "…", Cells(page, "just-above")[0][5]); // cut to 400 characters with the ellipsis

        // The curve's points are the thresholds 2, 0.5, −0.5, −1, −2, and the threshold 0 is marked.
        var curve = page.Descendants().Single(e => e.Name.LocalName == "svg" && ((string)e.Attribute("class")!).Contains("precision-recall", StringComparison.Ordinal));
        Assert.Equal(5, ((string)curve.Descendants("polyline").First().Attribute("points")!).Split(' ').Length);
        Assert.Single(curve.Descendants("line"), l => (string?)l.Attribute("class") == "threshold-line");
    }

    [Fact]
    public async Task EveryDocumentCutAtMaxTokensShowsWholeLengthsInCharacters()
    {
        var (_, page) = await RenderAsync(labelled: false);

        var scatter = page.Descendants().Single(e => e.Name.LocalName == "svg" && ((string)e.Attribute("class")!).Contains("scatter", StringComparison.Ordinal));
        Assert.Contains("document length in characters, before any cut (log scale)", scatter.Descendants("text").Select(t => t.Value));
        // Lengths 10 … 5,000 characters: x from log₁₀ 1 to 4 (ticks 10, 100, 1k, 10k), not six points at 16 tokens.
        var xs = scatter.Descendants("circle").Select(c => double.Parse((string)c.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, xs.Count);
        Assert.Equal(6, xs.Distinct().Count());
        Assert.StartsWith("6 of 6 scored documents were cut at max tokens (16), so the length shown is each document's whole length in characters",
            page.Descendants().Single(e => (string?)e.Attribute("id") == "scatter-caption").Value, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Descendants(), e => (string?)e.Attribute("id") == "domains");
        Assert.Contains("ln τ = 0 (τ = 1)", page.Descendants().Single(e => (string?)e.Attribute("id") == "histogram-caption").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInputThatIsGoneLeavesTheReportWithoutItsTexts()
    {
        var (_, page) = await RenderAsync(labelled: true, keepInput: false);

        Assert.Equal("(text not read back from the input)", Cells(page, "false-positive-table")[0][5]);
        Assert.Contains("tokens scored (log scale)", page.Descendants("text").Select(t => t.Value));
        Assert.StartsWith("6 of 6 scored documents were cut at max tokens (16); the input could not be read back",
            page.Descendants().Single(e => (string?)e.Attribute("id") == "scatter-caption").Value, StringComparison.Ordinal);
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
