using System.Text.Json.Nodes;

namespace Lamdas.Tokenization.Tests;

/// <summary>Configurations the encoder cannot reproduce exactly must fail at load time, naming the field.</summary>
public sealed class UnsupportedConfigurationTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "model.type", "\"WordPiece\"", ["model.type", "WordPiece"] },
        { "model.type", "\"Unigram\"", ["model.type", "Unigram"] },
        { "model.byte_fallback", "true", ["model.byte_fallback"] },
        { "model.ignore_merges", "true", ["model.ignore_merges"] },
        { "model.dropout", "0.1", ["model.dropout", "0.1"] },
        { "model.continuing_subword_prefix", "\"##\"", ["model.continuing_subword_prefix", "##"] },
        { "model.end_of_word_suffix", "\"</w>\"", ["model.end_of_word_suffix"] },
        { "model.merges", "[\"h e x\"]", ["model.merges[0]"] },
        { "normalizer", "{\"type\":\"NFKC\"}", ["normalizer.type", "NFKC"] },
        { "normalizer", "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFC\"},{\"type\":\"Lowercase\"}]}", ["normalizer.normalizers[1].type", "Lowercase"] },
        { "pre_tokenizer", "null", ["pre_tokenizer", "ByteLevel"] },
        { "pre_tokenizer", "{\"type\":\"Metaspace\",\"replacement\":\"▁\"}", ["pre_tokenizer.type", "Metaspace"] },
        { "pre_tokenizer", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Digits\",\"individual_digits\":true},{\"type\":\"ByteLevel\",\"add_prefix_space\":false}]}", ["pre_tokenizer.pretokenizers[0].type", "Digits"] },
        { "pre_tokenizer", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"ByteLevel\",\"add_prefix_space\":false},{\"type\":\"Split\",\"pattern\":{\"Regex\":\"x\"},\"behavior\":\"Isolated\"}]}", ["pre_tokenizer.pretokenizers[0].type", "last"] },
        { "pre_tokenizer", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":\"x\"},\"behavior\":\"Removed\"},{\"type\":\"ByteLevel\",\"add_prefix_space\":false}]}", ["pre_tokenizer.pretokenizers[0].behavior", "Removed"] },
        { "pre_tokenizer", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":\"x\"},\"behavior\":\"Isolated\",\"invert\":true},{\"type\":\"ByteLevel\",\"add_prefix_space\":false}]}", ["pre_tokenizer.pretokenizers[0].invert"] },
        { "pre_tokenizer", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\p{L}++\"},\"behavior\":\"Isolated\"},{\"type\":\"ByteLevel\",\"add_prefix_space\":false}]}", ["pre_tokenizer.pretokenizers[0].pattern", "++"] },
        { "pre_tokenizer", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":\"x\"},\"behavior\":\"Isolated\"},{\"type\":\"ByteLevel\",\"add_prefix_space\":true}]}", ["pre_tokenizer.pretokenizers[1].add_prefix_space"] },
        { "added_tokens", "[{\"id\":999,\"content\":\"<x>\",\"special\":false}]", ["added_tokens[0]", "999", "260"] },
        { "added_tokens", "[{\"id\":260,\"content\":\"<x>\",\"special\":false,\"lstrip\":true}]", ["added_tokens[0].lstrip"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnsupportedFieldIsNamed(string field, string valueJson, string[] expectedInMessage)
    {
        JsonObject json = SyntheticTokenizer.CreateJson();
        JsonObject parent = json;
        string[] path = field.Split('.');
        foreach (string part in path[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        parent[path[^1]] = JsonNode.Parse(valueJson);
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", json.ToJsonString());

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(directory.Path));

        Assert.StartsWith("tokenizer.json", error.Message);
        foreach (string expected in expectedInMessage)
        {
            Assert.Contains(expected, error.Message);
        }
    }

    [Fact]
    public void MergeOfUnknownTokenIsReported()
    {
        JsonObject json = SyntheticTokenizer.CreateJson();
        json["model"]!["merges"]!.AsArray().Add("he zz");
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", json.ToJsonString());

        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("tokenizer.json", error.Message);
        Assert.Contains("zz", error.Message);
    }

    [Fact]
    public void SupportedQwenLayoutLoads()
    {
        JsonObject json = SyntheticTokenizer.CreateJson();
        json["normalizer"] = JsonNode.Parse("{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFC\"}]}");
        json["pre_tokenizer"] = new JsonObject
        {
            ["type"] = "Sequence",
            ["pretokenizers"] = new JsonArray(
                new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = PreTokenization.Qwen2PatternSplitter.Pattern }, ["behavior"] = "Isolated", ["invert"] = false },
                new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false }),
        };
        using var directory = new TempDirectory();
        directory.Write("tokenizer.json", json.ToJsonString());

        ITextTokenizer tokenizer = TokenizerLoader.Load(directory.Path);

        Assert.Equal([259, 32, 259], tokenizer.Encode("hello hello"));
    }
}
