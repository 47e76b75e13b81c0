using System.Xml.Linq;

namespace Lamdas.Reporting.Tests;

public class PageStructureTests
{
    [Fact]
    public void EverySvgIsWellFormedXml()
    {
        var html = HtmlReport.Render(Pages.Full);
        var svgs = Pages.Svgs(html);
        Assert.Equal(3, svgs.Count);
        Assert.Equal(3, html.Split("<svg").Length - 1);
        Assert.Single(svgs, s => (string?)s.Attribute("class") == "chart histogram");
        Assert.Single(svgs, s => (string?)s.Attribute("class") == "chart scatter");
        Assert.Single(svgs, s => (string?)s.Attribute("class") == "chart loss");
    }

    [Fact]
    public void WholePageIsWellFormedXml()
    {
        var document = XDocument.Parse(HtmlReport.Render(Pages.Full));
        Assert.Equal("html", document.Root!.Name.LocalName);
        string[] sections = ["summary", "histogram", "scatter", "loss", "top", "bottom", "facts"];
        Assert.Equal(sections, document.Descendants("section").Select(s => (string)s.Attribute("id")!));
    }

    [Fact]
    public void ShowsTheCounts()
    {
        var html = HtmlReport.Render(Pages.Full);
        Assert.Equal("1,234,567", Pages.TextOf(html, "count-documents", "card-value"));
        Assert.Equal("200,000", Pages.TextOf(html, "count-selected", "card-value"));
        Assert.Equal("16.2% of documents", Pages.TextOf(html, "count-selected", "card-note")); // 200000 / 1234567 = 0.16200…
        Assert.Equal("1,030,000", Pages.TextOf(html, "count-rejected", "card-value"));      // 1234567 − 200000 − 4567
        Assert.Equal("4,567", Pages.TextOf(html, "count-quarantined", "card-value"));
        Assert.Equal("987,654,321", Pages.TextOf(html, "count-tokens", "card-value"));
        Assert.Equal("87.5%", Pages.TextOf(html, "count-precision", "card-value"));
        Assert.Equal("50.0%", Pages.TextOf(html, "count-recall", "card-value"));
        Assert.Contains("<code>score &gt; ln(1.0)</code>", html);
        Assert.Contains("<td>qwen2-0.5b</td>", html);
    }

    [Fact]
    public void PrecisionAndRecallAreOmittedWithoutLabels()
    {
        var html = HtmlReport.Render(Pages.Full with { SelectedPrecision = null, SelectedRecall = null });
        Assert.DoesNotContain("count-precision", html);
        Assert.DoesNotContain("count-recall", html);
    }

    [Fact]
    public void EmptyDataRendersWithPlaceholders()
    {
        var html = HtmlReport.Render(Pages.Minimal);
        XDocument.Parse(html);
        Assert.Empty(Pages.Svgs(html));
        Assert.Contains("No score histogram", html);
        Assert.Contains("No score-vs-length sample", html);
        Assert.Contains("No prefix training", html);
        Assert.Equal("0", Pages.TextOf(html, "count-documents", "card-value"));
    }

    [Fact]
    public void RenderingIsDeterministic() =>
        Assert.Equal(HtmlReport.Render(Pages.Full), HtmlReport.Render(Pages.Full));

    [Fact]
    public void RejectsInconsistentHistograms()
    {
        Assert.Throws<ArgumentException>(() => HtmlReport.Render(Pages.Full with { Histogram = Pages.Full.Histogram with { Selected = [1, 2, 3] } }));
        Assert.Throws<ArgumentException>(() => HtmlReport.Render(Pages.Full with { Histogram = Pages.Full.Histogram with { Edges = [0.0, 1, 1, 3, 4] } }));
        Assert.Throws<ArgumentException>(() => HtmlReport.Render(Pages.Full with { Histogram = Pages.Full.Histogram with { Rejected = [3, 0, -5, 2] } }));
    }

    [Fact]
    public void ExtremeValuesStillRenderAsWellFormedSvg()
    {
        var data = Pages.Full with
        {
            Histogram = new ReportHistogram([-1e300, 0, 1e300], [long.MaxValue / 4, 0], [0, 1], 0, 0, 0),
            ScoreVsLength = [(0, -1e300, false), (-5, 1e300, true), (int.MaxValue, 0.0, true)],
            PrefixLoss = [(7, double.NaN, 2.0), (7, double.PositiveInfinity, 1.0)],
        };

        var html = HtmlReport.Render(data);

        Assert.Equal(3, Pages.Svgs(html).Count);
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
    }
}
