namespace Lamdas.Tokenization.Tests;

public sealed class KnownIdsTests
{
    [Fact]
    public void Qwen2EncodesLikeHuggingFace() =>
        Assert.Equal([9707, 11, 847, 5562, 374, 18838], SharedTokenizers.Qwen2.Encode("Hello, my dog is cute"));

    [Fact]
    public void Gpt2EncodesLikeHuggingFace()
    {
        Assert.Equal([15496, 11, 616, 3290, 318, 13779], SharedTokenizers.Gpt2.Encode("Hello, my dog is cute"));
        Assert.Equal([18435, 995], SharedTokenizers.Gpt2.Encode(" Hello world"));
    }

    [Fact]
    public void SpecialTokenStringsInTextAreEncodedAsPlainText()
    {
        Assert.Equal([27, 91, 8691, 723, 427, 91, 29], SharedTokenizers.Qwen2.Encode("<|endoftext|>"));
        Assert.Equal([27, 91, 437, 1659, 5239, 91, 29], SharedTokenizers.Gpt2.Encode("<|endoftext|>"));
    }

    [Fact]
    public void NonSpecialAddedTokensAreMatchedAsInHuggingFace() =>
        Assert.Equal([151667, 87, 151668], SharedTokenizers.Qwen2.Encode("<think>x</think>"));

    [Fact]
    public void TokenToIdFindsSpecialAndVocabularyTokens()
    {
        Assert.Equal(151643, SharedTokenizers.Qwen2.TokenToId("<|endoftext|>"));
        Assert.Equal(151667, SharedTokenizers.Qwen2.TokenToId("<think>"));
        Assert.Equal(9707, SharedTokenizers.Qwen2.TokenToId("Hello"));
        Assert.Equal(50256, SharedTokenizers.Gpt2.TokenToId("<|endoftext|>"));
        Assert.Null(SharedTokenizers.Qwen2.TokenToId("definitely not a token"));
    }

    [Fact]
    public void VocabularySizeCoversVocabularyAndAddedTokens()
    {
        Assert.Equal(151669, SharedTokenizers.Qwen2.VocabularySize);
        Assert.Equal(50257, SharedTokenizers.Gpt2.VocabularySize);
    }

    [Fact]
    public void KindNamesTheSourceFormat()
    {
        Assert.Equal("tokenizer.json (BPE, byte-level)", SharedTokenizers.Qwen2.Kind);
        Assert.Equal("vocab.json+merges.txt", SharedTokenizers.Gpt2.Kind);
    }

    [Fact]
    public void EmptyTextHasNoTokens()
    {
        Assert.Empty(SharedTokenizers.Qwen2.Encode(string.Empty));
        Assert.Empty(SharedTokenizers.Gpt2.Encode(string.Empty));
    }

    [Fact]
    public void LoneSurrogatesAreEncodedAsReplacementCharacters()
    {
        Assert.Equal(SharedTokenizers.Qwen2.Encode("a\uFFFDb"), SharedTokenizers.Qwen2.Encode("a\uD800b"));
        Assert.Equal(SharedTokenizers.Gpt2.Encode("x\uFFFD"), SharedTokenizers.Gpt2.Encode("x\uDC00"));
    }
}
