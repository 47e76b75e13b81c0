using Lamdas.Tokenization.Loading;

namespace Lamdas.Tokenization;

/// <summary>Loads a Hugging Face byte-level BPE tokenizer from a model directory.</summary>
public static class TokenizerLoader
{
    /// <summary>
    /// Loads <c>tokenizer.json</c> when present, otherwise a GPT-2 style <c>vocab.json</c> + <c>merges.txt</c> pair.
    /// </summary>
    /// <exception cref="TokenizerException">No tokenizer files, malformed files, or an unsupported configuration.</exception>
    public static ITextTokenizer Load(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        if (!Directory.Exists(modelDirectory))
        {
            throw new TokenizerException($"Tokenizer directory '{modelDirectory}' does not exist.");
        }

        string tokenizerJson = Path.Combine(modelDirectory, TokenizerJsonReader.FileName);
        string vocab = Path.Combine(modelDirectory, VocabMergesReader.VocabFileName);
        string merges = Path.Combine(modelDirectory, VocabMergesReader.MergesFileName);

        TokenizerDefinition definition;
        if (File.Exists(tokenizerJson))
        {
            definition = TokenizerJsonReader.Read(tokenizerJson);
        }
        else if (File.Exists(vocab) && File.Exists(merges))
        {
            definition = VocabMergesReader.Read(vocab, merges);
        }
        else
        {
            string found = File.Exists(vocab) ? $" ({VocabMergesReader.VocabFileName} found without {VocabMergesReader.MergesFileName})"
                : File.Exists(merges) ? $" ({VocabMergesReader.MergesFileName} found without {VocabMergesReader.VocabFileName})"
                : string.Empty;
            throw new TokenizerException(
                $"No tokenizer found in '{modelDirectory}': looked for {TokenizerJsonReader.FileName}, " +
                $"or {VocabMergesReader.VocabFileName} + {VocabMergesReader.MergesFileName}{found}.");
        }

        return new ByteLevelBpeTextTokenizer(definition);
    }
}
