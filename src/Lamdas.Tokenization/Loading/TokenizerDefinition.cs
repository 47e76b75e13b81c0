using Lamdas.Tokenization.AddedTokens;
using Lamdas.Tokenization.PreTokenization;
using Microsoft.ML.Tokenizers;

namespace Lamdas.Tokenization.Loading;

/// <summary>Everything needed to build a byte-level BPE tokenizer, as read from the model files.</summary>
internal sealed class TokenizerDefinition
{
    public required string Kind { get; init; }

    public required string SourceFile { get; init; }

    public required Dictionary<string, int> Vocabulary { get; init; }

    /// <summary>Merges in rank order, each as "left right".</summary>
    public required IReadOnlyList<string> Merges { get; init; }

    public IReadOnlyList<AddedToken> AddedTokens { get; init; } = [];

    public Normalizer? Normalizer { get; init; }

    public required IReadOnlyList<TextSplitter> Splitters { get; init; }

    /// <summary>ByteLevel's add_prefix_space: a space is prepended to each text segment not starting with one.</summary>
    public bool AddPrefixSpace { get; init; }

    public string? UnknownToken { get; init; }

    public bool FuseUnknownTokens { get; init; }
}
