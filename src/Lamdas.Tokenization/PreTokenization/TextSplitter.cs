namespace Lamdas.Tokenization.PreTokenization;

/// <summary>One splitting stage of a pre-tokenizer (a Hugging Face <c>Split</c> or <c>ByteLevel(use_regex)</c>).</summary>
internal abstract class TextSplitter
{
    /// <summary>
    /// Splits <paramref name="text"/> into non-empty, contiguous pieces that cover it entirely and appends them
    /// to <paramref name="output"/> as offsets shifted by <paramref name="offset"/>.
    /// </summary>
    public abstract void Split(ReadOnlySpan<char> text, int offset, List<(int Offset, int Length)> output);
}
