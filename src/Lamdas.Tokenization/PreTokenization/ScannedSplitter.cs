namespace Lamdas.Tokenization.PreTokenization;

/// <summary>
/// A splitter whose pattern covers every input (each position starts a non-empty match), so splitting is a
/// sequence of leftmost-first matches computed by a hand-written scanner.
/// </summary>
internal abstract class ScannedSplitter : TextSplitter
{
    public override void Split(ReadOnlySpan<char> text, int offset, List<(int Offset, int Length)> output)
    {
        int position = 0;
        while (position < text.Length)
        {
            int length = MatchLength(text, position);
            output.Add((offset + position, length));
            position += length;
        }
    }

    /// <summary>Length, in UTF-16 code units, of the pattern's match starting at <paramref name="position"/> (always &gt; 0).</summary>
    public abstract int MatchLength(ReadOnlySpan<char> text, int position);
}
