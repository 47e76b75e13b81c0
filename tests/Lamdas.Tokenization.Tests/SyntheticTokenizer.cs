using System.Text.Json.Nodes;
using Lamdas.Tokenization.Text;

namespace Lamdas.Tokenization.Tests;

/// <summary>
/// A tiny byte-level BPE tokenizer: ids 0-255 are the bytes, then "he" 256, "ll" 257, "hell" 258, "hello" 259.
/// </summary>
internal static class SyntheticTokenizer
{
    public static readonly string[] MergeList = ["h e", "l l", "he ll", "hell o"];

    public static JsonObject CreateJson()
    {
        var vocab = new JsonObject();
        foreach ((string token, int id) in Vocabulary())
        {
            vocab[token] = id;
        }

        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true },
            ["post_processor"] = null,
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null,
                ["fuse_unk"] = false,
                ["byte_fallback"] = false,
                ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray([.. MergeList.Select(m => (JsonNode)m)]),
            },
        };
    }

    public static string VocabJson()
    {
        var vocab = new JsonObject();
        foreach ((string token, int id) in Vocabulary())
        {
            vocab[token] = id;
        }

        return vocab.ToJsonString();
    }

    public static string MergesTxt() => "#version: 0.2\n" + string.Join("\n", MergeList) + "\n";

    private static IEnumerable<(string Token, int Id)> Vocabulary()
    {
        for (int b = 0; b < 256; b++)
        {
            yield return (ByteLevelAlphabet.ToChar((byte)b).ToString(), b);
        }

        yield return ("he", 256);
        yield return ("ll", 257);
        yield return ("hell", 258);
        yield return ("hello", 259);
    }
}
