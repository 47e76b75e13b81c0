namespace Lamdas.Tokenization.Loading;

/// <summary>The BPE model part of a tokenizer definition.</summary>
internal sealed record ModelSection(
    Dictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    string? UnknownToken,
    bool FuseUnknownTokens);
