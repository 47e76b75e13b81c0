using System.Xml.Linq;

namespace Lamdas.Reporting.Tests;

public class SafetyTests
{
    private const string Script = "<script>alert('x')</script>";

    [Fact]
    public void MaliciousTextIsRenderedAsText()
    {
        var data = Pages.Full with
        {
            JobName = "</title>" + Script,
            Method = "\"><script>",
            Top = [new ReportExample("<img src=x onerror=alert(1)>", 1, 2, Script + " & more")],
            Facts = new Dictionary<string, string> { ["<b>key</b>"] = Script },
        };

        var html = HtmlReport.Render(data);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html);
        // Parsed back, the snippet is exactly the original text.
        Assert.Equal(Script + " & more", Pages.Snippet(html, "top"));
    }

    [Fact]
    public void ScriptsInLabelledExamplesAndDomainNamesAreRenderedAsText()
    {
        var example = new ReportExample("<b>id</b>", 1, 2, Script + " near the cut", "<i>code-java</i>");
        var data = Pages.Full with
        {
            Threshold = 0.5,
            JustAbove = [example],
            JustBelow = [example with { Snippet = Script + " just below" }],
            Labels = new ReportLabels
            {
                Domains = [new ReportDomain(Script, false, 3, 1), new ReportDomain("</td><script>", true, 2, 1)],
                Curve = [new ReportCurvePoint(0, 0.5, 0.5, 2)],
                FalsePositives = [example with { Snippet = Script + " false positive" }],
                FalseNegatives = [example with { Snippet = "</div></td>" + Script }],
            },
        };

        var html = HtmlReport.Render(data);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        // Parsed back, every text is exactly the original.
        var page = XDocument.Parse(html);
        var snippets = page.Descendants("div").Where(d => (string?)d.Attribute("class") == "snippet").Select(d => d.Value).ToList();
        Assert.Contains(Script + " near the cut", snippets);
        Assert.Contains(Script + " just below", snippets);
        Assert.Contains(Script + " false positive", snippets);
        Assert.Contains("</div></td>" + Script, snippets);
        var domainCells = page.Descendants("table").Single(t => (string?)t.Attribute("id") == "domain-table")
            .Descendants("td").Where(td => (string?)td.Attribute("class") == "id").Select(td => td.Value).ToList();
        Assert.Equal([Script, "</td><script>"], domainCells);
        Assert.Contains("<i>code-java</i>", page.Descendants("td").Select(td => td.Value));
    }

    [Fact]
    public void CharactersThatXmlForbidsAreReplaced()
    {
        var html = HtmlReport.Render(Pages.Full with { JobName = "bad\u0001name\ud800", Bottom = [new ReportExample("x\u0000", 0, 0, "y\u001b")] });
        XDocument.Parse(html);
        Assert.Contains("bad\uFFFDname\uFFFD", html);
    }

    [Fact]
    public void HasNoExternalReferencesOrScripts()
    {
        var html = HtmlReport.Render(Pages.Full);
        foreach (var forbidden in new[] { "http://", "https://", "src=", "href=", "url(", "@import", "<script", "<link", "<img", "<iframe" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void SnippetsAreCutTo500Characters()
    {
        var html = HtmlReport.Render(Pages.Full with { Top = [new ReportExample("long", 1, 1, new string('a', 2000))] });
        var snippet = Pages.Snippet(html, "top");
        Assert.Equal(500, snippet.Length);
        Assert.Equal(new string('a', 499) + "…", snippet);
    }
}
