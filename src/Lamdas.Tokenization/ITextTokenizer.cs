namespace Lamdas.Tokenization;

/// <summary>
/// A text tokenizer that reproduces the token ids of the Hugging Face tokenizer it was loaded from.
/// </summary>
/// <remarks>
/// Implementations are immutable after loading and safe for concurrent use from any number of threads.
/// </remarks>
public interface ITextTokenizer
{
    /// <summary>Describes the source format, e.g. "tokenizer.json (BPE, byte-level)" or "vocab.json+merges.txt".</summary>
    string Kind { get; }

    /// <summary>Largest id + 1 across the model vocabulary and the added tokens.</summary>
    int VocabularySize { get; }

    /// <summary>
    /// Encodes plain text. No special tokens are added, and special-token strings that occur in the text
    /// (e.g. "&lt;|endoftext|&gt;") are encoded as ordinary text, as Hugging Face tokenizers do with
    /// <c>add_special_tokens=False</c> and <c>encode_special_tokens=True</c>. Non-special added tokens
    /// (e.g. Qwen's "&lt;think&gt;") are still matched, as in Hugging Face.
    /// </summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>Decodes ids back to text; added and special tokens are rendered as their content.</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>Looks up a token string among the added/special tokens and the model vocabulary.</summary>
    int? TokenToId(string token);
}
