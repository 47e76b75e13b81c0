using Lamdas.Engine.Scoring;
using Lamdas.Jobs.Scoring.Passes;
using Lamdas.Storage;

namespace Lamdas.Jobs.Tests;

public sealed class ScoreStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lamdas-store-tests-" + Guid.NewGuid().ToString("N"));

    private static readonly DocumentLogProb[] Values = [new(3, -12.5), new(0, 0), new(255, -1234.000001)];

    [Fact]
    public void AnEntryDecodesToItsValuesAndADamagedOneToNothing()
    {
        var bytes = PassEntry.Encode(Values);
        Assert.Equal(PassEntry.Size(3), bytes.Length);
        Assert.Equal(Values, PassEntry.TryDecode(bytes, 3));
        Assert.Null(PassEntry.TryDecode(bytes, 2));
        Assert.Null(PassEntry.TryDecode(bytes.AsSpan(0, bytes.Length - 1), 3));
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var damaged = bytes.ToArray();
            damaged[i] ^= 1;
            Assert.Null(PassEntry.TryDecode(damaged, 3));
        }
    }

    [Fact]
    public async Task ConcurrentWritersOfOneEntryLeaveOneWholeCopy()
    {
        var store = new ScoreStore(new ObjectStore(), _root);
        var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.WriteAsync("ab12", Values, CancellationToken.None))));
        Assert.Equal(1, created.Count(c => c));
        var (values, damaged) = await store.ReadAsync("ab12", 3, CancellationToken.None);
        Assert.False(damaged);
        Assert.Equal(Values, values);
    }

    [Fact]
    public async Task ADamagedEntryReadsAsMissingAndIsDeleted()
    {
        var store = new ScoreStore(new ObjectStore(), _root);
        await store.WriteAsync("cd34", Values, CancellationToken.None);
        var path = store.EntryUri("cd34");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(path, bytes);
        var (values, damaged) = await store.ReadAsync("cd34", 3, CancellationToken.None);
        Assert.Null(values);
        Assert.True(damaged);
        Assert.False(File.Exists(path));
        Assert.Equal((null, false), await store.ReadAsync("cd34", 3, CancellationToken.None));
    }

    [Fact]
    public void TheEntryKeyCoversTheDocumentsTheirOrderAndTheirContext()
    {
        int[] a = [1, 2, 3];
        int[] b = [4, 5];
        var key = ModelPasses.EntryKey("pass", [a, b], [0, 0]);
        Assert.Equal(key, ModelPasses.EntryKey("pass", [[1, 2, 3], [4, 5]], [0, 0]));
        Assert.NotEqual(key, ModelPasses.EntryKey("pass", [b, a], [0, 0]));
        Assert.NotEqual(key, ModelPasses.EntryKey("pass", [a, b], [1, 0]));
        Assert.NotEqual(key, ModelPasses.EntryKey("other", [a, b], [0, 0]));
        Assert.NotEqual(key, ModelPasses.EntryKey("pass", [[1, 2], [3, 4, 5]], [0, 0]));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
