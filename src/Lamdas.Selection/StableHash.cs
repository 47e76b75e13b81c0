using System.Text;

namespace Lamdas.Selection;

/// <summary>
/// Process- and platform-independent hashes (unlike <see cref="string.GetHashCode()"/>, which is randomised per process).
/// FNV-1a, 64 bit, over the UTF-8 bytes of the text; ill-formed UTF-16 (a lone surrogate) is encoded as U+FFFD,
/// exactly like <see cref="Encoding.UTF8"/>.
/// </summary>
public static class StableHash
{
    /// <summary>FNV-1a 64-bit offset basis (the hash of the empty input).</summary>
    public const ulong Fnv1aOffsetBasis = 14695981039346656037UL;

    /// <summary>FNV-1a 64-bit prime.</summary>
    public const ulong Fnv1aPrime = 1099511628211UL;

    /// <summary>FNV-1a 64 of the UTF-8 encoding of <paramref name="text"/>.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<char> text) => Fnv1a64Continue(Fnv1aOffsetBasis, text);

    /// <summary>Continues an FNV-1a 64 state with the UTF-8 bytes of <paramref name="text"/> (hash(a + b) = continue(hash(a), b)).</summary>
    public static ulong Fnv1a64Continue(ulong state, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                state = (state ^ utf8[i]) * Fnv1aPrime;
            }
        }

        return state;
    }

    /// <summary>Continues an FNV-1a 64 state with raw bytes.</summary>
    public static ulong Fnv1a64Continue(ulong state, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            state = (state ^ b) * Fnv1aPrime;
        }

        return state;
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer that spreads every input bit over the output.</summary>
    public static ulong Mix64(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
