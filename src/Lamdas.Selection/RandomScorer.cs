namespace Lamdas.Selection;

/// <summary>
/// The random-selection baseline: score = a uniform value in [0, 1) derived from a stable hash of (seed, id), so the same
/// id always gets the same score, whatever the order, process or machine. The text is ignored.
/// Hash: FNV-1a 64 over the 8 little-endian bytes of the seed followed by the UTF-8 id, then the SplitMix64 finaliser;
/// the top 53 bits divided by 2^53.
/// </summary>
public sealed class RandomScorer(long seed) : ITextScorer
{
    /// <summary>The seed mixed into every score.</summary>
    public long Seed { get; } = seed;

    /// <inheritdoc />
    public double Score(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> seedBytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(seedBytes, Seed);
        var state = StableHash.Fnv1a64Continue(StableHash.Fnv1aOffsetBasis, seedBytes);
        state = StableHash.Fnv1a64Continue(state, id.AsSpan());
        return (StableHash.Mix64(state) >> 11) * (1.0 / (1UL << 53));
    }
}
