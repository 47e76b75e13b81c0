namespace Lamdas.Reporting.Tests;

public sealed class SnippetTests
{
    [Fact]
    public void DedentRemovesTheIndentationAllLinesShare()
    {
        const string method = "\n\n        def area(self):\n            return self.w * self.h\n\n        def name(self):\n            return 'box'\n   \n";

        Assert.Equal("def area(self):\n    return self.w * self.h\n\ndef name(self):\n    return 'box'", Snippet.Dedent(method));
    }

    [Fact]
    public void DedentKeepsTabsAndSpacesApart()
    {
        // The lines share one tab; the spaces after it belong to the second line only.
        Assert.Equal("if x:\n    y()", Snippet.Dedent("\tif x:\n\t    y()"));

        // A tab and four spaces share nothing.
        Assert.Equal("\ta\n    b", Snippet.Dedent("\ta\n    b"));
    }

    [Fact]
    public void DedentLeavesUnindentedTextAlone()
    {
        Assert.Equal("first\r\n  second", Snippet.Dedent("first\r\n  second"));
        Assert.Equal(string.Empty, Snippet.Dedent("  \n\t\n"));
        Assert.Equal(string.Empty, Snippet.Dedent(null));
    }

    [Fact]
    public void CutNeverSplitsASurrogatePairACombiningSequenceOrAnEmojiSequence()
    {
        // "a" then U+1F600 pairs: a cut after 4 characters would split the second pair.
        Assert.Equal("a\U0001F600…", Snippet.Cut("a\U0001F600\U0001F600\U0001F600", 5));

        // "e" + combining acute accent stays together.
        Assert.Equal("ab…", Snippet.Cut("abe\u0301e\u0301", 4));

        // A family emoji (man ZWJ woman ZWJ girl) is one text element of eight characters.
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
        Assert.Equal("x…", Snippet.Cut("x" + family + "y", 8));
        Assert.Equal("x" + family + "…", Snippet.Cut("x" + family + "yz", 10));
    }

    [Fact]
    public void CutKeepsTextThatFits()
    {
        Assert.Equal("short", Snippet.Cut("short", 5));
        Assert.Equal("abcd…", Snippet.Cut("abcdefgh", 5));
        Assert.Equal(string.Empty, Snippet.Cut(null, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Snippet.Cut("abc", 0));
    }

    [Fact]
    public void TheReportShowsIndentedCodeFromColumnZero()
    {
        var html = HtmlReport.Render(Pages.Full with { Top = [new ReportExample("m", 1, 1, "    def f():\n        return 1\n")] });

        Assert.Equal("def f():\n    return 1", Pages.Snippet(html, "top"));
    }
}
