using System.Text.Json;

namespace Lamdas.Tokenization.Loading;

/// <summary>Reads and validates tokenizer.json's <c>model</c> section (BPE only).</summary>
internal static class ModelSectionReader
{
    public static ModelSection Read(JsonSection model)
    {
        if (model.Element.ValueKind != JsonValueKind.Object)
        {
            throw model.Error("expected an object");
        }

        string type = model.OptionalString("type") ?? (model.Optional("merges") is null ? "(missing)" : "BPE");
        if (type != "BPE")
        {
            throw model.Unsupported("type", type, "only \"BPE\" models are supported");
        }

        RequireNoDropout(model);
        RequireEmpty(model, "continuing_subword_prefix");
        RequireEmpty(model, "end_of_word_suffix");
        if (model.Bool("byte_fallback", defaultValue: false))
        {
            throw model.Unsupported("byte_fallback", "true", "byte fallback is not supported");
        }

        if (model.Bool("ignore_merges", defaultValue: false))
        {
            throw model.Unsupported("ignore_merges", "true", "whole-word vocabulary lookups before merging are not supported");
        }

        return new ModelSection(
            ReadVocabulary(model.Required("vocab")),
            ReadMerges(model.Required("merges")),
            model.OptionalString("unk_token"),
            model.Bool("fuse_unk", defaultValue: false));
    }

    private static Dictionary<string, int> ReadVocabulary(JsonSection vocab)
    {
        var result = new Dictionary<string, int>(vocab.Length(JsonValueKind.Object), StringComparer.Ordinal);
        foreach (JsonProperty entry in vocab.Element.EnumerateObject())
        {
            result[entry.Name] = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out int id) && id >= 0
                ? id
                : new JsonSection(entry.Value, $"{vocab.Path}[\"{entry.Name}\"]", vocab.File).AsInt32();
        }

        return result;
    }

    private static List<string> ReadMerges(JsonSection merges)
    {
        var result = new List<string>(merges.Length());
        foreach (JsonSection merge in merges.Items())
        {
            string left;
            string right;
            if (merge.Element.ValueKind == JsonValueKind.String)
            {
                string[] parts = merge.AsString().Split(' ');
                if (parts.Length != 2)
                {
                    throw merge.Error("expected \"left right\" with exactly one space");
                }

                (left, right) = (parts[0], parts[1]);
            }
            else if (merge.Element.ValueKind == JsonValueKind.Array && merge.Element.GetArrayLength() == 2)
            {
                (left, right) = (merge.Item(0).AsString(), merge.Item(1).AsString());
                if (left.Contains(' ') || right.Contains(' ') || left.Length == 0 || right.Length == 0)
                {
                    throw merge.Error("merge parts must be non-empty and must not contain spaces");
                }
            }
            else
            {
                throw merge.Error("expected a \"left right\" string or a [left, right] pair");
            }

            result.Add($"{left} {right}");
        }

        return result;
    }

    private static void RequireNoDropout(JsonSection model)
    {
        JsonSection? dropout = model.Optional("dropout");
        if (dropout is { } value && !(value.Element.ValueKind == JsonValueKind.Number && value.Element.GetDouble() == 0))
        {
            throw model.Unsupported("dropout", value.Element.ToString(), "only null or 0 (no BPE dropout)");
        }
    }

    private static void RequireEmpty(JsonSection model, string field)
    {
        string? value = model.OptionalString(field);
        if (!string.IsNullOrEmpty(value))
        {
            throw model.Unsupported(field, value, "must be null or empty for byte-level BPE");
        }
    }
}
