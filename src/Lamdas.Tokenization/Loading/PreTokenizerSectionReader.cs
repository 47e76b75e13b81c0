using System.Text.RegularExpressions;
using Lamdas.Tokenization.PreTokenization;

namespace Lamdas.Tokenization.Loading;

/// <summary>
/// Reads tokenizer.json's <c>pre_tokenizer</c>. Supported: <c>ByteLevel</c> alone, or a <c>Sequence</c> of
/// <c>Split</c> (behavior Isolated) stages ending with <c>ByteLevel</c> — the GPT-2 and Qwen2/2.5/3 layouts.
/// </summary>
internal static class PreTokenizerSectionReader
{
    public static PreTokenizerSection Read(JsonSection? preTokenizer, string file)
    {
        if (preTokenizer is not { } root)
        {
            throw new TokenizerException($"{file}: pre_tokenizer is null; a ByteLevel pre-tokenizer is required for byte-level BPE");
        }

        var steps = new List<JsonSection>();
        Flatten(root, steps);

        var splitters = new List<TextSplitter>();
        for (int i = 0; i < steps.Count; i++)
        {
            JsonSection step = steps[i];
            string type = step.String("type");
            bool last = i == steps.Count - 1;
            switch (type)
            {
                case "Split":
                    splitters.Add(ReadSplit(step));
                    break;
                case "ByteLevel" when !last:
                    throw step.Unsupported("type", type, "ByteLevel must be the last pre-tokenizer");
                case "ByteLevel":
                    bool addPrefixSpace = step.Bool("add_prefix_space", defaultValue: true);
                    if (addPrefixSpace && steps.Count > 1)
                    {
                        throw step.Unsupported("add_prefix_space", "true", "only supported when ByteLevel is the only pre-tokenizer");
                    }

                    if (step.Bool("use_regex", defaultValue: true))
                    {
                        splitters.Add(Gpt2PatternSplitter.Instance);
                    }

                    return new PreTokenizerSection(splitters, addPrefixSpace);
                default:
                    throw step.Unsupported("type", type, "supported pre-tokenizers: ByteLevel, Split, Sequence");
            }
        }

        throw root.Error("a ByteLevel pre-tokenizer is required for byte-level BPE");
    }

    private static void Flatten(JsonSection section, List<JsonSection> steps)
    {
        if (section.String("type") != "Sequence")
        {
            steps.Add(section);
            return;
        }

        foreach (JsonSection item in section.Required("pretokenizers").Items())
        {
            Flatten(item, steps);
        }
    }

    private static TextSplitter ReadSplit(JsonSection split)
    {
        string behavior = split.String("behavior");
        if (behavior != "Isolated")
        {
            throw split.Unsupported("behavior", behavior, "only \"Isolated\" is supported");
        }

        if (split.Bool("invert", defaultValue: false))
        {
            throw split.Unsupported("invert", "true", "only invert = false is supported");
        }

        JsonSection pattern = split.Required("pattern");
        string? regex = pattern.OptionalString("Regex");
        string? literal = pattern.OptionalString("String");
        if (regex is null && literal is null)
        {
            throw pattern.Error("expected {\"Regex\": ...} or {\"String\": ...}");
        }

        return regex switch
        {
            Qwen2PatternSplitter.Pattern => Qwen2PatternSplitter.Instance,
            Gpt2PatternSplitter.Pattern => Gpt2PatternSplitter.Instance,
            null => CreateRegexSplitter(pattern, Regex.Escape(literal!)),
            _ => CreateRegexSplitter(pattern, regex),
        };
    }

    private static RegexSplitter CreateRegexSplitter(JsonSection pattern, string regex)
    {
        try
        {
            return new RegexSplitter(regex);
        }
        catch (ArgumentException e)
        {
            throw new TokenizerException($"{pattern.File}: {pattern.Path}: pattern /{regex}/ is not supported by .NET Regex: {e.Message}", e);
        }
    }
}
