using Lamdas.Tokenization.AddedTokens;

namespace Lamdas.Tokenization.Loading;

/// <summary>
/// Reads tokenizer.json's <c>added_tokens</c> and checks that every id is the one Hugging Face would assign:
/// Hugging Face ignores the stored ids and re-derives them (the model's id for content already in the vocabulary,
/// else the next id after the vocabulary and the tokens added so far), so a mismatch would silently change ids.
/// </summary>
internal static class AddedTokensSectionReader
{
    public static IReadOnlyList<AddedToken> Read(JsonSection? addedTokens, IReadOnlyDictionary<string, int> vocabulary)
    {
        if (addedTokens is not { } section)
        {
            return [];
        }

        var result = new List<AddedToken>();
        var assigned = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonSection entry in section.Items())
        {
            string content = entry.String("content");
            int id = entry.Required("id").AsInt32();
            bool special = entry.Bool("special", defaultValue: false);
            if (content.Length == 0)
            {
                continue;
            }

            if (!special)
            {
                foreach (string option in (string[])["single_word", "lstrip", "rstrip"])
                {
                    if (entry.Bool(option, defaultValue: false))
                    {
                        throw entry.Unsupported(option, "true", "not supported on non-special added tokens");
                    }
                }
            }

            if (!assigned.TryGetValue(content, out int expected) && !vocabulary.TryGetValue(content, out expected))
            {
                expected = NextNewId(assigned, vocabulary.Count);
            }

            if (id != expected)
            {
                throw entry.Error($"id {id} for \"{content}\" differs from the id Hugging Face assigns ({expected})");
            }

            assigned[content] = id;
            result.Add(new AddedToken(id, content, special, entry.Bool("normalized", defaultValue: !special)));
        }

        return result;
    }

    private static int NextNewId(Dictionary<string, int> assigned, int vocabularyCount)
    {
        if (assigned.Count == 0)
        {
            return vocabularyCount;
        }

        int max = assigned.Values.Max();
        return max >= vocabularyCount ? max + 1 : vocabularyCount;
    }
}
