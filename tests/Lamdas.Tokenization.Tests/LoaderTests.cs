using System.Text.Json.Nodes;

namespace Lamdas.Tokenization.Tests;

public sealed class LoaderTests
{
    [Fact]
    public void PrefersTokenizerJsonOverVocabAndMerges()
    {
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", SyntheticTokenizer.CreateJson().ToJsonString());
        directory.Write("vocab.json", SyntheticTokenizer.VocabJson());
        directory.Write("merges.txt", SyntheticTokenizer.MergesTxt());

        ITextTokenizer tokenizer = TokenizerLoader.Load(directory.Path);

        Assert.Equal("tokenizer.json (BPE, byte-level)", tokenizer.Kind);
    }

    [Fact]
    public void FallsBackToVocabAndMerges()
    {
        using var directory = new TempDirectory();
        directory.Write("vocab.json", SyntheticTokenizer.VocabJson());
        directory.Write("merges.txt", SyntheticTokenizer.MergesTxt());

        ITextTokenizer tokenizer = TokenizerLoader.Load(directory.Path);

        Assert.Equal("vocab.json+merges.txt", tokenizer.Kind);
        Assert.Equal([259, 32, 259], tokenizer.Encode("hello hello"));
        Assert.Equal(260, tokenizer.VocabularySize);
    }

    [Fact]
    public void SyntheticTokenizerJsonEncodesWithMerges()
    {
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", SyntheticTokenizer.CreateJson().ToJsonString());

        ITextTokenizer tokenizer = TokenizerLoader.Load(directory.Path);

        Assert.Equal([259, 32, 259, 33], tokenizer.Encode("hello hello!"));
        Assert.Equal("hello hello!", tokenizer.Decode([259, 32, 259, 33]));
    }

    [Fact]
    public void MergesAsPairsEqualMergesAsStrings()
    {
        JsonObject json = SyntheticTokenizer.CreateJson();
        json["model"]!["merges"] = new JsonArray([.. SyntheticTokenizer.MergeList.Select(m => (JsonNode)new JsonArray(m.Split(' ').Select(p => (JsonNode)p!).ToArray()))]);
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", json.ToJsonString());

        Assert.Equal([259, 32, 259], TokenizerLoader.Load(directory.Path).Encode("hello hello"));
    }

    [Fact]
    public void MissingFilesNameWhatWasLookedFor()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("tokenizer.json", error.Message);
        Assert.Contains("vocab.json + merges.txt", error.Message);
    }

    [Fact]
    public void VocabWithoutMergesIsReported()
    {
        using var directory = new TempDirectory();
        directory.Write("vocab.json", SyntheticTokenizer.VocabJson());

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("vocab.json found without merges.txt", error.Message);
    }

    [Fact]
    public void MissingDirectoryIsReported()
    {
        string missing = Path.Combine(Path.GetTempPath(), "lamdas-no-such-dir-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void MalformedMergesLineIsReportedWithLineNumber()
    {
        using var directory = new TempDirectory();
        directory.Write("vocab.json", SyntheticTokenizer.VocabJson());
        directory.Write("merges.txt", "#version: 0.2\nh e\nnot-a-pair\n");

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("merges.txt: line 3", error.Message);
    }

    [Fact]
    public void InvalidJsonIsReported()
    {
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", "{ \"model\": ");

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("tokenizer.json: invalid JSON", error.Message);
    }

    [Fact]
    public void ByteLevelPrefixSpaceIsAddedToEachSegmentLikeHuggingFace()
    {
        // Expected ids from Hugging Face tokenizers 0.23.2 with the GPT-2 vocabulary, ByteLevel(add_prefix_space=true)
        // and a non-special added token "<x>" (id 50257).
        var vocab = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Gpt2Directory, "vocab.json")))!;
        string[] merges = File.ReadAllLines(Path.Combine(TestPaths.Gpt2Directory, "merges.txt")).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).ToArray();
        JsonObject json = SyntheticTokenizer.CreateJson();
        json["model"]!["vocab"] = vocab;
        json["model"]!["merges"] = new JsonArray([.. merges.Select(m => (JsonNode)m)]);
        json["pre_tokenizer"]!["add_prefix_space"] = true;
        json["added_tokens"] = new JsonArray(new JsonObject
        {
            ["id"] = 50257,
            ["content"] = "<x>",
            ["single_word"] = false,
            ["lstrip"] = false,
            ["rstrip"] = false,
            ["normalized"] = false,
            ["special"] = false,
        });
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", json.ToJsonString());

        ITextTokenizer tokenizer = TokenizerLoader.Load(directory.Path);

        Assert.Equal([18435, 995], tokenizer.Encode("Hello world"));
        Assert.Equal([18435], tokenizer.Encode(" Hello"));
        Assert.Equal([257, 50257, 275], tokenizer.Encode("a<x>b"));
        Assert.Equal([257, 50257, 275], tokenizer.Encode("a<x> b"));
    }
}
