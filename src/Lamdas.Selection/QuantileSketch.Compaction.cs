namespace Lamdas.Selection;

/// <summary>The compaction machinery of the KLL sketch.</summary>
public sealed partial class QuantileSketch
{
    /// <summary>Adds a level on top; capacities are recomputed (top = K, each level below 2/3 of the one above, at least 2).</summary>
    private void Grow()
    {
        _levels.Add([]);
        _capacities.Clear();
        // Integer recursion (ceil(2c/3)) rather than Math.Pow, so capacities are bit-identical on every platform.
        var capacity = K;
        for (var depth = 0; depth < _levels.Count; depth++)
        {
            _capacities.Insert(0, Math.Max(2, capacity));
            capacity = (2 * capacity + 2) / 3;
        }

        _maxRetained = _capacities.Sum(c => (long)c);
    }

    /// <summary>Compacts full levels from the bottom up until the sketch is under its total capacity again.</summary>
    private void Compress()
    {
        for (var h = 0; h < _levels.Count; h++)
        {
            if (_levels[h].Count < _capacities[h])
            {
                continue;
            }

            if (h + 1 == _levels.Count)
            {
                Grow();
            }

            CompactLevel(h);
            if (_retained < _maxRetained)
            {
                return;
            }
        }
    }

    /// <summary>Sorts level h and promotes every other item (weight doubles); with an odd count the smallest item stays.</summary>
    private void CompactLevel(int h)
    {
        var items = _levels[h];
        items.Sort();
        var start = items.Count % 2;
        var offset = NextBit();
        var above = _levels[h + 1];
        for (var i = start; i < items.Count; i += 2)
        {
            above.Add(items[i + offset]);
        }

        var compacted = items.Count - start;
        items.RemoveRange(start, compacted);
        _retained -= compacted / 2;
        _view = null;
    }

    private int NextBit()
    {
        _randomState += 0x9E3779B97F4A7C15UL;
        return (int)(StableHash.Mix64(_randomState) >> 63);
    }
}
