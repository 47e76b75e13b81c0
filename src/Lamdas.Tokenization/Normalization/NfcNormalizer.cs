using System.Buffers;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Lamdas.Tokenization.Normalization;

/// <summary>
/// Unicode NFC with the Unicode 9.0 tables that Hugging Face tokenizers uses. Implemented here because
/// <see cref="string.Normalize()"/> silently returns its input unchanged under InvariantGlobalization.
/// </summary>
/// <remarks>
/// Thread-safe. Text that passes the NFC quick check (almost all text) is returned as the same instance
/// without allocating; otherwise only the part after the last safe starter is re-normalized.
/// </remarks>
internal sealed class NfcNormalizer : Normalizer
{
    private const int SBase = 0xAC00;
    private const int LBase = 0x1100;
    private const int VBase = 0x1161;
    private const int TBase = 0x11A7;
    private const int LCount = 19;
    private const int VCount = 21;
    private const int TCount = 28;
    private const int NCount = VCount * TCount;
    private const int SCount = LCount * NCount;

    private readonly NfcData _data = NfcData.Instance;

    public static NfcNormalizer Instance { get; } = new();

    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        int start = FindUnnormalizedStart(original);
        return start < 0 ? original : NormalizeFrom(original, start);
    }

    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());

    /// <summary>Returns -1 when the text is NFC, else an index before which the text is already final.</summary>
    private int FindUnnormalizedStart(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAnyExceptInRange('\0', '\u02FF');
        if (i < 0)
        {
            return -1;
        }

        // Everything below U+0300 is a starter (combining class 0) that never composes with what precedes it.
        int safe = Math.Max(i - 1, 0);
        byte lastClass = 0;
        while (i < text.Length)
        {
            int codePoint = ReadCodePoint(text, i, out int width);
            if (codePoint < 0x300)
            {
                (lastClass, safe) = (0, i);
                i += width;
                continue;
            }

            byte combiningClass = _data.CombiningClass(codePoint);
            if ((combiningClass != 0 && lastClass > combiningClass) || _data.QuickCheck(codePoint) != NfcData.QuickCheckYes)
            {
                return safe;
            }

            if (combiningClass == 0)
            {
                safe = i;
            }

            lastClass = combiningClass;
            i += width;
        }

        return -1;
    }

    private string NormalizeFrom(string text, int start)
    {
        int[] buffer = ArrayPool<int>.Shared.Rent(text.Length - start + 16);
        try
        {
            int count = Decompose(text.AsSpan(start), ref buffer);
            ReorderCanonically(buffer.AsSpan(0, count));
            count = Compose(buffer.AsSpan(0, count));

            var builder = new StringBuilder(text.Length);
            builder.Append(text, 0, start);
            foreach (int codePoint in buffer.AsSpan(0, count))
            {
                if (codePoint <= char.MaxValue)
                {
                    builder.Append((char)codePoint);
                }
                else
                {
                    builder.Append(char.ConvertFromUtf32(codePoint));
                }
            }

            return builder.ToString();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private int Decompose(ReadOnlySpan<char> text, ref int[] buffer)
    {
        int count = 0;
        for (int i = 0; i < text.Length;)
        {
            int codePoint = ReadCodePoint(text, i, out int width);
            i += width;
            EnsureCapacity(ref buffer, count + 4);
            if (codePoint is >= SBase and < SBase + SCount)
            {
                int index = codePoint - SBase;
                buffer[count++] = LBase + (index / NCount);
                buffer[count++] = VBase + (index % NCount / TCount);
                if (index % TCount != 0)
                {
                    buffer[count++] = TBase + (index % TCount);
                }
            }
            else if (codePoint >= 0xC0 && _data.Decomposition(codePoint) is { } decomposition)
            {
                EnsureCapacity(ref buffer, count + decomposition.Length);
                decomposition.CopyTo(buffer, count);
                count += decomposition.Length;
            }
            else
            {
                buffer[count++] = codePoint;
            }
        }

        return count;
    }

    /// <summary>Stable sort of each run of non-starters by combining class.</summary>
    private void ReorderCanonically(Span<int> codePoints)
    {
        for (int i = 1; i < codePoints.Length; i++)
        {
            int current = codePoints[i];
            byte currentClass = _data.CombiningClass(current);
            if (currentClass == 0)
            {
                continue;
            }

            int j = i;
            while (j > 0 && _data.CombiningClass(codePoints[j - 1]) > currentClass)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }

            codePoints[j] = current;
        }
    }

    /// <summary>Canonical composition in place; returns the new length.</summary>
    private int Compose(Span<int> codePoints)
    {
        int starter = -1;
        int written = 0;
        byte lastClass = 0;
        for (int read = 0; read < codePoints.Length; read++)
        {
            int codePoint = codePoints[read];
            byte combiningClass = _data.CombiningClass(codePoint);
            if (starter >= 0)
            {
                bool adjacent = written - 1 == starter;
                bool blocked = !adjacent && (lastClass == 0 || lastClass >= combiningClass);
                if (!blocked)
                {
                    int composite = ComposePair(codePoints[starter], codePoint);
                    if (composite >= 0)
                    {
                        codePoints[starter] = composite;
                        continue;
                    }
                }
            }

            if (combiningClass == 0)
            {
                starter = written;
            }

            codePoints[written++] = codePoint;
            lastClass = combiningClass;
        }

        return written;
    }

    private int ComposePair(int first, int second)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            return SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            return first + (second - TBase);
        }

        return _data.Composition(first, second);
    }

    private static int ReadCodePoint(ReadOnlySpan<char> text, int index, out int width)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        width = 1;
        return c;
    }

    private static void EnsureCapacity(ref int[] buffer, int required)
    {
        if (required <= buffer.Length)
        {
            return;
        }

        int[] larger = ArrayPool<int>.Shared.Rent(Math.Max(required, buffer.Length * 2));
        buffer.CopyTo(larger, 0);
        ArrayPool<int>.Shared.Return(buffer);
        buffer = larger;
    }
}
