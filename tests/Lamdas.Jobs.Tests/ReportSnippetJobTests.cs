using System.Text.Json;
using System.Xml.Linq;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

[Integration]
public sealed class ReportSnippetJobTests : IClassFixture<TestWorkspace>
{
    private readonly TestWorkspace _workspace;

    public ReportSnippetJobTests(TestWorkspace workspace) => this._workspace = workspace;

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

        var outcome = await new JobRunner(JobSpecParser.Parse(yaml), new JobRunnerOptions()).RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        var page = XDocument.Parse(File.ReadAllText(Path.Combine(output, "report.html")));
        var snippets = page.Descendants("div").Where(d => (string?)d.Attribute("class") == "snippet").Select(d => d.Value).ToList();
        Assert.NotEmpty(snippets);
        Assert.All(snippets, s => Assert.DoesNotContain('\uFFFD', s));
        Assert.Contains(snippets, s => s == "a" + string.Concat(Enumerable.Repeat("\U0001F600", 199)) + "…");
        Assert.Contains("def f1(self):\n    return 1", snippets);
    }
}
