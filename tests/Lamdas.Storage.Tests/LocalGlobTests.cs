namespace Lamdas.Storage.Tests;

public sealed class LocalGlobTests : IDisposable
{
    private static readonly string[] Files =
    [
        "data/a.jsonl", "data/b.jsonl", "data/c.txt", "data/.hidden.jsonl", "data/sub/d.jsonl", "data/sub/deep/e.jsonl",
        "data/x1.json", "data/x2.json", "data/xa.json", "data/x-.json", "database.jsonl", "other/a.jsonl",
    ];

    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public LocalGlobTests()
    {
        foreach (var file in Files)
        {
            _dir.Write(file, file); // content length = name length, checked below
        }
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("data/*.jsonl", "data/.hidden.jsonl data/a.jsonl data/b.jsonl")]
    [InlineData("data/**/*.jsonl", "data/.hidden.jsonl data/a.jsonl data/b.jsonl data/sub/d.jsonl data/sub/deep/e.jsonl")]
    [InlineData("data/**", "data/.hidden.jsonl data/a.jsonl data/b.jsonl data/c.txt data/sub/d.jsonl data/sub/deep/e.jsonl data/x-.json data/x1.json data/x2.json data/xa.json")]
    [InlineData("**/a.jsonl", "data/a.jsonl other/a.jsonl")]
    [InlineData("data/*", "data/.hidden.jsonl data/a.jsonl data/b.jsonl data/c.txt data/x-.json data/x1.json data/x2.json data/xa.json")]
    [InlineData("data/x?.json", "data/x-.json data/x1.json data/x2.json data/xa.json")]
    [InlineData("data/x[12].json", "data/x1.json data/x2.json")]
    [InlineData("data/x[0-9].json", "data/x1.json data/x2.json")]
    [InlineData("data/x[!0-9].json", "data/x-.json data/xa.json")]
    [InlineData("data/x[-a].json", "data/x-.json data/xa.json")]
    [InlineData("data/s*/d.jsonl", "data/sub/d.jsonl")]
    [InlineData("data/sub/**/*.jsonl", "data/sub/d.jsonl data/sub/deep/e.jsonl")]
    [InlineData("data*.jsonl", "database.jsonl")]
    [InlineData("*/?.txt", "data/c.txt")]
    [InlineData("nothing/*.jsonl", "")]
    public async Task GlobsMatchWholePaths(string pattern, string expected)
    {
        var listed = await _store.ListAsync(_dir.Path + "/" + pattern);

        var names = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(names.Select(n => _dir.Path + "/" + n), listed.Select(o => o.Uri));
        Assert.Equal(names.Select(n => (long)n.Length), listed.Select(o => o.Length));
    }

    [Fact]
    public async Task FileUriGlobsListCanonicalPaths()
    {
        var listed = await _store.ListAsync("file://" + _dir.Path + "/other/*.jsonl");

        Assert.Equal([new StoredObject(_dir.Path + "/other/a.jsonl", "other/a.jsonl".Length)], listed);
    }

    [Fact]
    public async Task APatternBuiltToBacktrackListsInLinearTime()
    {
        // [^/]*a repeated: a backtracking matcher tries every split of the name among the stars (exponential in their
        // number) before it can say no; the listing must finish regardless.
        _dir.Write("evil/" + new string('a', 60), "x");
        var pattern = _dir.Path + "/evil/" + string.Concat(Enumerable.Repeat("*a", 40)) + "*b";
        var listing = Task.Run(() => _store.ListAsync(pattern));
        var finished = await Task.WhenAny(listing, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == listing, "listing with a backtracking pattern did not finish within 30 s");
        Assert.Empty(await listing);
    }
}
