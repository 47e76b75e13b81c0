using Lamdas.Tokenization.Normalization;

namespace Lamdas.Tokenization.Tests;

public sealed class RoundTripTests
{
    public static TheoryData<string> Texts => new(TrickyStrings.All);

    [Theory]
    [MemberData(nameof(Texts))]
    public void Gpt2DecodesToTheInput(string text) =>
        Assert.Equal(text, SharedTokenizers.Gpt2.Decode(SharedTokenizers.Gpt2.Encode(text)));

    [Theory]
    [MemberData(nameof(Texts))]
    public void Qwen2DecodesToTheNfcInput(string text) =>
        Assert.Equal(NfcNormalizer.Instance.Normalize(text), SharedTokenizers.Qwen2.Decode(SharedTokenizers.Qwen2.Encode(text)));

    [Fact]
    public void SpecialTokensDecodeToTheirContent() =>
        Assert.Equal("<|endoftext|>a", SharedTokenizers.Qwen2.Decode([151643, 64]));

    [Fact]
    public void SplitMultiByteCharacterDecodesToReplacementCharacters()
    {
        IReadOnlyList<int> ids = SharedTokenizers.Gpt2.Encode("😀");
        Assert.True(ids.Count > 1);
        Assert.Equal("\uFFFD", SharedTokenizers.Gpt2.Decode(ids.Take(1)));
    }

    [Fact]
    public void UnknownIdIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedTokenizers.Gpt2.Decode([50257]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedTokenizers.Gpt2.Decode([-1]));
    }
}
