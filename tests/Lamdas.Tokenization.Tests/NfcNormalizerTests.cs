using System.Text;
using Lamdas.Tokenization.Normalization;

namespace Lamdas.Tokenization.Tests;

public sealed class NfcNormalizerTests
{
    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("A\u030A\u0301", "\u01FA")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("\u2126", "\u03A9")]
    [InlineData("a\u0301\u0323", "\u1EA1\u0301")]
    [InlineData("\u1E9B\u0323", "\u1E9B\u0323")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("\uAC00\u11A8", "\uAC01")]
    [InlineData("\u0B47\u0B3E", "\u0B4B")]
    [InlineData("x\u0344", "\u1E8D\u0301")]
    [InlineData("\u0301a", "\u0301a")]
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")]
    [InlineData("abc \u00E9 日本 😀", "abc \u00E9 日本 😀")]
    public void NormalizesLikeUnicode9Nfc(string input, string expected) =>
        Assert.Equal(expected, NfcNormalizer.Instance.Normalize(input));

    [Fact]
    public void NormalizedTextIsReturnedWithoutCopying()
    {
        string text = "Already NFC: café, 日本語, 😀, Ελληνικά";
        Assert.Same(text, NfcNormalizer.Instance.Normalize(text));
    }

    [Fact]
    public void WorksUnderInvariantGlobalizationWhereStringNormalizeDoesNot()
    {
        // The test host runs with InvariantGlobalization, where string.Normalize is a no-op for non-ASCII text.
        Assert.Equal("\u00E9", NfcNormalizer.Instance.Normalize("e\u0301"));
        Assert.Equal("e\u0301", "e\u0301".Normalize(NormalizationForm.FormC));
    }

    [Fact]
    public void OnlyTheTailAfterTheLastSafeStarterIsRewritten()
    {
        string prefix = new('x', 1000);
        Assert.Equal(prefix + "\u00E9", NfcNormalizer.Instance.Normalize(prefix + "e\u0301"));
    }
}
