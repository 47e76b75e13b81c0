using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Lamdas.Tokenization;

/// <summary>
/// Bounded, thread-safe map from a pre-tokenized piece to its BPE ids. Lookups are lock-free and allocation-free
/// (span keys); entries are only added until the capacity is reached, so frequent pieces, which appear early in
/// any large corpus, stay cached without an eviction policy.
/// </summary>
/// <remarks>
/// BpeTokenizer's own cache holds at most 10,000 words of at most 15 characters behind a global lock; this cache
/// sits in front of it so that most pieces never reach the library.
/// </remarks>
internal sealed class PieceIdCache
{
    private readonly ConcurrentDictionary<string, int[]> _entries;
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;
    private readonly int _maxPieceLength;
    private int _count;

    public PieceIdCache(int capacity, int maxPieceLength)
    {
        _capacity = capacity;
        _maxPieceLength = maxPieceLength;
        _entries = new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> piece, [MaybeNullWhen(false)] out int[] ids) => _lookup.TryGetValue(piece, out ids);

    public void TryAdd(ReadOnlySpan<char> piece, int[] ids)
    {
        if (piece.Length > _maxPieceLength || Volatile.Read(ref _count) >= _capacity)
        {
            return;
        }

        if (_lookup.TryAdd(piece, ids))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
