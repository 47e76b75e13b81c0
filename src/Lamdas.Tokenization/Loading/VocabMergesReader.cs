using System.Text.Json;
using Lamdas.Tokenization.PreTokenization;

namespace Lamdas.Tokenization.Loading;

/// <summary>Reads a GPT-2 style vocab.json + merges.txt pair (byte-level BPE, GPT-2 split pattern, no normalizer).</summary>
internal static class VocabMergesReader
{
    public const string VocabFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";

    public static TokenizerDefinition Read(string vocabPath, string mergesPath) => new()
    {
        Kind = "vocab.json+merges.txt",
        SourceFile = vocabPath,
        Vocabulary = ReadVocabulary(vocabPath),
        Merges = ReadMerges(mergesPath),
        Splitters = [Gpt2PatternSplitter.Instance],
    };

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            var section = new JsonSection(document.RootElement, string.Empty, VocabFileName);
            var vocabulary = new Dictionary<string, int>(section.Length(JsonValueKind.Object), StringComparer.Ordinal);
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                vocabulary[entry.Name] = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out int id) && id >= 0
                    ? id
                    : new JsonSection(entry.Value, $"[\"{entry.Name}\"]", VocabFileName).AsInt32();
            }

            return vocabulary;
        }
        catch (JsonException e)
        {
            throw new TokenizerException($"{VocabFileName}: invalid JSON ({path}): {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new TokenizerException($"{VocabFileName}: cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Same rules as Hugging Face: lines starting with "#version" are skipped, every other line is "left right".</summary>
    private static List<string> ReadMerges(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException e)
        {
            throw new TokenizerException($"{MergesFileName}: cannot read {path}: {e.Message}", e);
        }

        var merges = new List<string>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("#version", StringComparison.Ordinal) || (line.Length == 0 && i == lines.Length - 1))
            {
                continue;
            }

            int space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0)
            {
                throw new TokenizerException($"{MergesFileName}: line {i + 1}: expected \"left right\" but found \"{line}\"");
            }

            merges.Add(line);
        }

        return merges;
    }
}
