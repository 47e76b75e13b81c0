using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Lamdas.Reporting.Tests;

/// <summary>Test data and helpers to take a rendered page apart.</summary>
internal static class Pages
{
    public static ReportData Minimal => new() { JobName = "job", Method = "dsir", SelectionRule = "top 15%" };

    public static ReportData Full => Minimal with
    {
        JobName = "pubmed-2025",
        Method = "lamdas",
        SelectionRule = "score > ln(1.0)",
        Documents = 1_234_567,
        Selected = 200_000,
        Quarantined = 4_567,
        Tokens = 987_654_321,
        SelectedPrecision = 0.875,
        SelectedRecall = 0.5,
        Histogram = new ReportHistogram([0.0, 1, 2, 3, 4], [1, 2, 0, 4], [3, 0, 5, 2], 0, 0, 0),
        ScoreVsLength = [(10, -1.0, false), (100, 0.5, true), (1000, 2.0, true)],
        PrefixLoss = [(1, 3.2, 3.4), (2, 2.9, 3.1), (3, 2.8, 3.05)],
        ValidationNllBase = 3.6,
        Top = [new ReportExample("doc-1", 2.5, 321, "a top document")],
        Bottom = [new ReportExample("doc-2", -4.25, 12, "a bottom document")],
        Facts = new Dictionary<string, string> { ["model"] = "qwen2-0.5b", ["prefix fingerprint"] = "sha256:abcd" },
    };

    /// <summary>Every &lt;svg&gt;…&lt;/svg&gt; fragment, each parsed on its own as XML.</summary>
    public static IReadOnlyList<XElement> Svgs(string html) =>
        [.. Regex.Matches(html, "<svg[ >].*?</svg>", RegexOptions.Singleline).Select(m => XElement.Parse(m.Value))];

    public static XElement Svg(string html, string chartClass) =>
        Svgs(html).Single(svg => ((string?)svg.Attribute("class"))?.Split(' ').Contains(chartClass) == true);

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    public static IEnumerable<XElement> WithClass(XElement root, string name, string cssClass) =>
        root.Descendants(name).Where(e => (string?)e.Attribute("class") == cssClass);

    /// <summary>The text of the element with the given id in the page parsed as XML.</summary>
    public static string TextOf(string html, string id, string? innerClass = null)
    {
        var element = XDocument.Parse(html).Descendants().Single(e => (string?)e.Attribute("id") == id);
        return innerClass is null ? element.Value : element.Descendants().Single(e => (string?)e.Attribute("class") == innerClass).Value;
    }

    /// <summary>The (single) snippet text in the section with the given id.</summary>
    public static string Snippet(string html, string sectionId) =>
        XDocument.Parse(html).Descendants("section").Single(s => (string?)s.Attribute("id") == sectionId)
            .Descendants("div").Single(d => (string?)d.Attribute("class") == "snippet").Value;
}
