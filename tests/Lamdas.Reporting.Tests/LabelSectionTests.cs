using System.Xml.Linq;

namespace Lamdas.Reporting.Tests;

/// <summary>The sections a labelled job adds, and the threshold on the charts, checked against hand-worked figures.</summary>
public class LabelSectionTests
{
    // The quickstart's pattern: 107 of 150 Python documents selected, 16 of 120 Java, 15 of 120 Perl, 0 of 120 Go.
    private static ReportLabels Labels => new()
    {
        Domains =
        [
            new ReportDomain("code-python", true, 150, 107),
            new ReportDomain("code-java", false, 120, 16),
            new ReportDomain("code-perl", false, 120, 15),
            new ReportDomain("code-go", false, 120, 0),
        ],
        Curve = [new ReportCurvePoint(1, 0.5, 0.75, 20), new ReportCurvePoint(3, 0.9, 0.25, 5)],
        FalsePositives = [new ReportExample("fp-1", 3.5, 128, "public class Main {}", "code-java")],
        FalseNegatives = [new ReportExample("fn-1", -2.25, 128, "import os", "code-python")],
    };

    private static ReportData Labelled => Pages.Full with { Threshold = 2, Tau = Math.Exp(2), Labels = Labels };

    private static XElement Table(string html, string id) =>
        XDocument.Parse(html).Descendants("table").Single(t => (string?)t.Attribute("id") == id);

    private static List<List<string>> Cells(XElement table) =>
        [.. table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList())];

    [Fact]
    public void TheDomainTableShowsSelectedOfTotalAndEachDomainsShareOfTheSelection()
    {
        var html = HtmlReport.Render(Labelled);
        var table = Table(html, "domain-table");

        // 107 + 16 + 15 = 138 selected: 107/138 = 77.5%, 16/138 = 11.6%, 15/138 = 10.9%; 107/150 = 71.3%, 16/120 = 13.3%, 15/120 = 12.5%.
        Assert.Equal(
            [
                ["code-python", "in domain", "107", "150", "71.3%", "77.5%"],
                ["code-java", "out of domain", "16", "120", "13.3%", "11.6%"],
                ["code-perl", "out of domain", "15", "120", "12.5%", "10.9%"],
                ["code-go", "out of domain", "0", "120", "0.0%", "0.0%"],
            ],
            Cells(table));
        // Out-of-domain rows that were selected from are the false positives' sources.
        var classes = table.Element("tbody")!.Elements("tr").Select(tr => (string)tr.Attribute("class")!).ToList();
        Assert.Equal(["domain-in", "domain-out leak", "domain-out leak", "domain-out"], classes);
        // 31 of the 138 selected (22.5%) are out of domain.
        Assert.StartsWith("138 selected documents have a label; 31 of them (22.5%) are out of domain.", Pages.TextOf(html, "domains-lead"), StringComparison.Ordinal);
    }

    [Fact]
    public void ALongDomainListIsCutWithTheRestSummed()
    {
        const int maxRows = 50; // the table shows 50 rows, then one for the rest
        var domains = Enumerable.Range(0, maxRows + 3).Select(i => new ReportDomain($"d{i}", false, 10, 1)).ToList();
        var html = HtmlReport.Render(Pages.Full with { Labels = new ReportLabels { Domains = domains } });
        var rows = Cells(Table(html, "domain-table"));
        Assert.Equal(maxRows + 1, rows.Count);
        Assert.Equal(["3 more", "", "3", "30", "10.0%", "5.7%"], rows[^1]); // 3 of the 53 selected
    }

    [Fact]
    public void ThePrecisionRecallChartPlotsTheCurveOverTheHistogramsRangeAndMarksTheThreshold()
    {
        var svg = Pages.Svg(HtmlReport.Render(Labelled), "precision-recall");
        // x: edges 0…4 over pixels 72…740, so t = 1 → 72 + 668/4 = 239 and t = 3 → 573; y: 0…1 over 268…28.
        var precision = Pages.WithClass(svg, "polyline", "line-precision").Single();
        var recall = Pages.WithClass(svg, "polyline", "line-recall").Single();
        Assert.Equal("239,148 573,52", (string)precision.Attribute("points")!); // 268 − 0.5·240, 268 − 0.9·240
        Assert.Equal("239,88 573,208", (string)recall.Attribute("points")!);   // 268 − 0.75·240, 268 − 0.25·240
        var marker = Pages.WithClass(svg, "line", "threshold-line").Single();
        Assert.Equal(406, Pages.Number(marker, "x1")); // t = 2: 72 + 668/2
        Assert.Equal(406, Pages.Number(marker, "x2"));
        var label = Pages.WithClass(svg, "text", "threshold-label").Single().Value;
        Assert.Equal("threshold 2: precision 87.5%, recall 50.0%", label);
        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], Pages.WithClass(svg, "text", "tick-label").Select(t => t.Value).Take(6));
    }

    [Fact]
    public void TheHistogramMarksTheThresholdAndItsCaptionSaysWhatLnTauMeans()
    {
        var html = HtmlReport.Render(Pages.Full with { Threshold = 0, Tau = 1, Histogram = Pages.Full.Histogram with { Edges = [-2.0, -1, 0, 1, 2] } });
        var marker = Pages.WithClass(Pages.Svg(html, "histogram"), "line", "threshold-line").Single();
        Assert.Equal(406, Pages.Number(marker, "x1")); // 0 is the middle of −2…2
        var caption = Pages.TextOf(html, "histogram-caption");
        Assert.Contains("The dashed line is the threshold ln τ = 0 (τ = 1): a document is kept when its score exceeds ln τ, " +
            "that is when the domain prefix makes it more than τ = 1 times as likely as the model alone does.", caption, StringComparison.Ordinal);
        Assert.StartsWith("Scores from -2 to 2 in 4 equal bins; no document lies outside.", caption, StringComparison.Ordinal);
    }

    [Fact]
    public void ACutOffOutsideTheChartIsNamedButNotDrawn()
    {
        var html = HtmlReport.Render(Pages.Full with { Threshold = 9, Histogram = Pages.Full.Histogram with { ClippedAbove = 1, ClippedBelow = 0, Tail = 0.005 } });
        Assert.Empty(Pages.WithClass(Pages.Svg(html, "histogram"), "line", "threshold-line"));
        // A top fraction of a LAMDAS job: e^9 = 8103.08…
        Assert.Equal(
            "Scores from the 0.5% to the 99.5% quantile (0 to 4) in 4 equal bins; 0 documents below and 1 document above are not drawn. " +
            "The threshold (outside the drawn range) is the cut-off score 9: a kept document scores above it, so the domain prefix makes it more than e^9 = 8103.0839 times as likely as the model alone does.",
            Pages.TextOf(html, "histogram-caption"));
    }

    [Fact]
    public void TheWorstErrorsAndTheDocumentsNearTheThresholdAreListedWithTheirLabels()
    {
        var html = HtmlReport.Render(Labelled with
        {
            JustAbove = [new ReportExample("above-1", 2.01, 64, "just in", "code-python")],
            JustBelow = [new ReportExample("below-1", 1.99, 64, "just out", "code-perl")],
        });

        Assert.Equal([["1", "fp-1", "code-java", "3.5", "128", "public class Main {}"]], Cells(Table(html, "false-positive-table")));
        Assert.Equal([["1", "fn-1", "code-python", "-2.25", "128", "import os"]], Cells(Table(html, "false-negative-table")));
        Assert.Equal([["1", "above-1", "code-python", "2.01", "64", "just in"]], Cells(Table(html, "just-above")));
        Assert.Equal([["1", "below-1", "code-perl", "1.99", "64", "just out"]], Cells(Table(html, "just-below")));
        var sections = XDocument.Parse(html).Descendants("section").Select(s => (string)s.Attribute("id")!).ToList();
        Assert.Equal(
            ["summary", "histogram", "domains", "precision-recall", "near-threshold", "false-positives", "false-negatives", "scatter", "loss", "top", "bottom", "facts"],
            sections);
    }

    [Fact]
    public void WithoutLabelsTheLabelSectionsAreLeftOut()
    {
        var html = HtmlReport.Render(Pages.Full);
        var sections = XDocument.Parse(html).Descendants("section").Select(s => (string)s.Attribute("id")!).ToList();
        Assert.Equal(["summary", "histogram", "scatter", "loss", "top", "bottom", "facts"], sections);
        // Examples without labels have no label column.
        Assert.Equal(5, XDocument.Parse(html).Descendants("section").Single(s => (string?)s.Attribute("id") == "top").Descendants("th").Count());
    }

    [Fact]
    public void TheLengthChartSaysWhenItShowsWholeLengthsInCharacters()
    {
        const string note = "1,783 of 1,783 scored documents were cut at max tokens (128)";
        var html = HtmlReport.Render(Pages.Full with { LengthInCharacters = true, LengthNote = note });
        Assert.Contains("document length in characters, before any cut (log scale)", Pages.Svg(html, "scatter").Descendants("text").Select(t => t.Value));
        Assert.Equal(note, Pages.TextOf(html, "scatter-caption"));
        Assert.Contains("tokens scored (log scale)", Pages.Svg(HtmlReport.Render(Pages.Full), "scatter").Descendants("text").Select(t => t.Value));
    }
}
