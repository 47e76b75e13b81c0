using System.Text.Json;

namespace Lamdas.Tokenization.Loading;

/// <summary>Reads a Hugging Face tokenizer.json describing a byte-level BPE tokenizer.</summary>
internal static class TokenizerJsonReader
{
    public const string FileName = "tokenizer.json";

    public static TokenizerDefinition Read(string path)
    {
        using JsonDocument document = Parse(path);
        var root = new JsonSection(document.RootElement, string.Empty, FileName);
        if (root.Element.ValueKind != JsonValueKind.Object)
        {
            throw root.Error("expected a JSON object at the top level");
        }

        ModelSection model = ModelSectionReader.Read(root.Required("model"));
        PreTokenizerSection preTokenizer = PreTokenizerSectionReader.Read(root.Optional("pre_tokenizer"), FileName);
        return new TokenizerDefinition
        {
            Kind = "tokenizer.json (BPE, byte-level)",
            SourceFile = path,
            Vocabulary = model.Vocabulary,
            Merges = model.Merges,
            UnknownToken = model.UnknownToken,
            FuseUnknownTokens = model.FuseUnknownTokens,
            Normalizer = NormalizerSectionReader.Read(root.Optional("normalizer")),
            Splitters = preTokenizer.Splitters,
            AddPrefixSpace = preTokenizer.AddPrefixSpace,
            AddedTokens = AddedTokensSectionReader.Read(root.Optional("added_tokens"), model.Vocabulary),
        };
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new TokenizerException($"{FileName}: invalid JSON ({path}): {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new TokenizerException($"{FileName}: cannot read {path}: {e.Message}", e);
        }
    }
}
