using Microsoft.ML.Tokenizers;

namespace Lamdas.Tokenization.PreTokenization;

/// <summary>
/// Adapts a chain of <see cref="TextSplitter"/> stages (applied in order, each to the pieces of the previous one)
/// to the Microsoft.ML.Tokenizers pre-tokenizer contract. With no stage the whole text is one piece.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="PreTokenize(string)"/> returns a per-thread buffer that is valid until the next call on
/// the same thread; its consumers (BpeTokenizer, ByteLevelBpeTextTokenizer) use it immediately and never re-enter.
/// </remarks>
internal sealed class SplittingPreTokenizer : PreTokenizer
{
    private const int RetainedBufferCapacity = 1 << 16;

    [ThreadStatic]
    private static List<(int Offset, int Length)>? _pieces;

    [ThreadStatic]
    private static List<(int Offset, int Length)>? _scratch;

    private readonly TextSplitter[] _stages;

    public SplittingPreTokenizer(IReadOnlyList<TextSplitter> stages)
    {
        _stages = [.. stages];
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => SplitIntoThreadBuffer(text);

    /// <summary>Splits into a per-thread buffer that stays valid until the next call on the same thread.</summary>
    public List<(int Offset, int Length)> SplitIntoThreadBuffer(ReadOnlySpan<char> text)
    {
        List<(int Offset, int Length)> pieces = Rent(ref _pieces);
        List<(int Offset, int Length)> scratch = Rent(ref _scratch);
        Split(text, ref pieces, ref scratch);
        _pieces = pieces;
        _scratch = scratch;
        return pieces;
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int Offset, int Length)>();
        var scratch = new List<(int Offset, int Length)>();
        Split(text, ref pieces, ref scratch);
        return pieces;
    }

    private void Split(ReadOnlySpan<char> text, ref List<(int Offset, int Length)> pieces, ref List<(int Offset, int Length)> scratch)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (_stages.Length == 0)
        {
            pieces.Add((0, text.Length));
            return;
        }

        _stages[0].Split(text, 0, pieces);
        for (int stage = 1; stage < _stages.Length; stage++)
        {
            scratch.Clear();
            foreach ((int offset, int length) in pieces)
            {
                _stages[stage].Split(text.Slice(offset, length), offset, scratch);
            }

            (pieces, scratch) = (scratch, pieces);
        }
    }

    private static List<(int Offset, int Length)> Rent(ref List<(int Offset, int Length)>? buffer)
    {
        if (buffer is null || buffer.Capacity > RetainedBufferCapacity)
        {
            buffer = new List<(int Offset, int Length)>(256);
        }

        buffer.Clear();
        return buffer;
    }
}
