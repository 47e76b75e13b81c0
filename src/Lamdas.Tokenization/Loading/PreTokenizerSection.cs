using Lamdas.Tokenization.PreTokenization;

namespace Lamdas.Tokenization.Loading;

/// <summary>The splitting stages of a byte-level pre-tokenizer and its ByteLevel options.</summary>
internal sealed record PreTokenizerSection(IReadOnlyList<TextSplitter> Splitters, bool AddPrefixSpace);
