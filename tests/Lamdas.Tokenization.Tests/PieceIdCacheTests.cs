namespace Lamdas.Tokenization.Tests;

public sealed class PieceIdCacheTests
{
    [Fact]
    public void StopsAddingAtCapacityAndSkipsLongPieces()
    {
        var cache = new PieceIdCache(capacity: 2, maxPieceLength: 4);

        cache.TryAdd("long piece", [1]);
        cache.TryAdd("a", [2]);
        cache.TryAdd("b", [3, 4]);
        cache.TryAdd("c", [5]);

        Assert.False(cache.TryGet("long piece", out _));
        Assert.True(cache.TryGet("a".AsSpan(), out int[]? a));
        Assert.Equal([2], a);
        Assert.True(cache.TryGet("xbx".AsSpan(1, 1), out int[]? b));
        Assert.Equal([3, 4], b);
        Assert.False(cache.TryGet("c", out _));
    }
}
