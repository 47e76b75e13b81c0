namespace Lamdas.Selection.Tests;

public class StableHashTests
{
    // Published FNV-1a 64 test vectors (Fowler/Noll/Vo reference test suite).
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void MatchesPublishedFnv1aVectors(string text, ulong expected) =>
        Assert.Equal(expected, StableHash.Fnv1a64(text));

    [Theory]
    [InlineData("hello")]
    [InlineData("naïve café")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 🙂 and \t tabs")]
    [InlineData("lone \ud800 surrogate")]
    public void AgreesWithNaiveUtf8Loop(string text) =>
        Assert.Equal(ReferenceFnv.Hash(text), StableHash.Fnv1a64(text));

    [Fact]
    public void ContinueComposesLikeConcatenation()
    {
        var state = StableHash.Fnv1a64Continue(StableHash.Fnv1a64("world"), " !");
        Assert.Equal(ReferenceFnv.Hash("world !"), state);
    }
}
