using System.Text.RegularExpressions;
using Lamdas.Tokenization.PreTokenization;

namespace Lamdas.Tokenization.Tests;

public sealed class PreTokenizerTests
{
    public static TheoryData<string, string[]> Qwen2Cases => new()
    {
        { "Hello, my dog", ["Hello", ",", " my", " dog"] },
        { "a𝐀b 𠀀x", ["a𝐀b", " 𠀀x"] },
        { "𝟘𝟙", ["𝟘", "𝟙"] },
        { "DON'T x'ſ 's", ["DON", "'T", " x", "'ſ", " '", "s"] },
        { "x  \n\n  y", ["x", "  \n\n", " ", " y"] },
        { "end   ", ["end", "   "] },
        { "a\tb", ["a", "\tb"] },
        { "!!\r\nb", ["!!\r\n", "b"] },
        { "12ab", ["1", "2", "ab"] },
    };

    public static TheoryData<string, string[]> Gpt2Cases => new()
    {
        { "Hello, my dog", ["Hello", ",", " my", " dog"] },
        { "a𝐀b 𠀀x", ["a𝐀b", " 𠀀x"] },
        { "𝟘𝟙 12", ["𝟘𝟙", " 12"] },
        { "DON'T don't 'sup", ["DON", "'", "T", " don", "'t", " '", "sup"] },
        { "x  \n\n  y", ["x", "  \n\n ", " y"] },
        { "end   ", ["end", "   "] },
    };

    [Theory]
    [MemberData(nameof(Qwen2Cases))]
    public void Qwen2ScannerSplitsByCodePoint(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(Qwen2PatternSplitter.Instance, text));

    [Theory]
    [MemberData(nameof(Gpt2Cases))]
    public void Gpt2ScannerSplitsByCodePoint(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(Gpt2PatternSplitter.Instance, text));

    /// <summary>
    /// On BMP text the scanners must agree with the regular expressions themselves (.NET Regex is exact there).
    /// U+017F is left out: Oniguruma's (?i) folds it to "s", .NET Regex does not.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ScannersAgreeWithTheirRegexOnBmpText(int seed)
    {
        var random = new Random(seed);
        string[] alphabet =
        [
            "a", "Z", "é", "日", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00A0", "\u3000", "\u2028", "\u0085", "'", "s", "S",
            "t", "re", "VE", "m", "LL", "d", "1", "٣", "Ⅳ", "!", ".", "\u0301", "\u200B", "_", "<", "|", "\u000B",
        ];
        var qwen2 = new Regex(Qwen2PatternSplitter.Pattern, RegexOptions.CultureInvariant);
        var gpt2 = new Regex(Gpt2PatternSplitter.Pattern, RegexOptions.CultureInvariant);
        for (int i = 0; i < 3000; i++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            Assert.Equal(RegexPieces(qwen2, text), Pieces(Qwen2PatternSplitter.Instance, text));
            Assert.Equal(RegexPieces(gpt2, text), Pieces(Gpt2PatternSplitter.Instance, text));
        }
    }

    [Fact]
    public void RegexSplitterKeepsGapsAndDropsEmptyMatches()
    {
        var splitter = new RegexSplitter(@"\d*");
        var pieces = new List<(int Offset, int Length)>();
        splitter.Split("ab12c3", 0, pieces);
        Assert.Equal([(0, 1), (1, 1), (2, 2), (4, 1), (5, 1)], pieces);
    }

    [Fact]
    public void ChainedStagesSplitEachPieceOfThePreviousStage()
    {
        var preTokenizer = new SplittingPreTokenizer([new RegexSplitter(@"\|"), Gpt2PatternSplitter.Instance]);
        string text = "ab cd|ef gh";
        string[] pieces = preTokenizer.PreTokenize(text).Select(p => text.Substring(p.Offset, p.Length)).ToArray();
        Assert.Equal(["ab", " cd", "|", "ef", " gh"], pieces);
    }

    private static string[] Pieces(TextSplitter splitter, string text)
    {
        var pieces = new List<(int Offset, int Length)>();
        splitter.Split(text, 0, pieces);
        return pieces.Select(p => text.Substring(p.Offset, p.Length)).ToArray();
    }

    private static string[] RegexPieces(Regex regex, string text) =>
        regex.Matches(text).Select(m => m.Value).ToArray();
}
