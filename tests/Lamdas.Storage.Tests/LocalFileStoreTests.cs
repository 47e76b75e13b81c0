namespace Lamdas.Storage.Tests;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetReturnsTheAbsolutePathAndLengthForPathsAndFileUris()
    {
        var path = _dir.Write("a/b.txt", new byte[1234]);

        var byPath = await _store.GetAsync(_dir.Path + "/a/../a/b.txt");
        var byUri = await _store.GetAsync("file://" + path);

        Assert.Equal(new StoredObject(path, 1234), byPath);
        Assert.Equal(new StoredObject(path, 1234), byUri);
        Assert.Null(await _store.GetAsync(_dir.Path + "/a/missing.txt"));
        Assert.Null(await _store.GetAsync(_dir.Path + "/a"));
    }

    [Fact]
    public async Task ListWithoutWildcardsNamesOneFileOrNothing()
    {
        var path = _dir.Write("d/one.jsonl", "x\n");

        Assert.Equal([new StoredObject(path, 2)], await _store.ListAsync(path));
        Assert.Empty(await _store.ListAsync(_dir.Path + "/d"));
        Assert.Empty(await _store.ListAsync(_dir.Path + "/d/two.jsonl"));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(100, 400)]
    [InlineData(990, 10)]
    public async Task RangeReadsReturnExactlyTheRequestedBytes(int offset, int length)
    {
        var content = StreamBytes.Pattern(1000);
        var path = _dir.Write("r.bin", content);

        var bytes = await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(path, offset, length));

        Assert.Equal(content.AsSpan(offset, length).ToArray(), bytes);
    }

    [Fact]
    public async Task RangeReadsAreClippedAtTheEnd()
    {
        var content = StreamBytes.Pattern(1000);
        var path = _dir.Write("r.bin", content);

        Assert.Equal(content[900..], await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(path, 900, 5000)));
        Assert.Equal(content[1..], await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(path, 1, long.MaxValue - 1)));
        Assert.Empty(await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(path, 1000, 10)));
        Assert.Empty(await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(path, 5000, 10)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.OpenReadAsync(path, -1, 10));
    }

    [Fact]
    public async Task ReadingAMissingFileNamesIt()
    {
        var missing = _dir.Path + "/nope.jsonl";

        var error = await Assert.ThrowsAsync<StorageException>(() => _store.OpenReadAsync(missing));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task WriteCreatesFoldersAndOverwrites()
    {
        var target = _dir.Path + "/out/selected/part-00000.jsonl";

        await _store.WriteAsync(target, (s, ct) => s.WriteAsync("first version\n"u8.ToArray(), ct).AsTask());
        await _store.WriteAsync(target, (s, ct) => s.WriteAsync("second\n"u8.ToArray(), ct).AsTask());

        Assert.Equal("second\n"u8.ToArray(), await File.ReadAllBytesAsync(target));
        Assert.Equal(["part-00000.jsonl"], Directory.GetFiles(_dir.Path + "/out/selected").Select(Path.GetFileName));
    }

    [Fact]
    public async Task NothingIsVisibleUnderTheTargetWhileTheWriterRuns()
    {
        var target = _dir.Path + "/out/a.jsonl";
        bool? existedDuringWrite = null;
        IReadOnlyList<StoredObject>? listedDuringWrite = null;

        await _store.WriteAsync(target, async (s, ct) =>
        {
            await s.WriteAsync(new byte[100], ct);
            await s.FlushAsync(ct);
            existedDuringWrite = File.Exists(target);
            listedDuringWrite = await _store.ListAsync(_dir.Path + "/out/*", ct);
        });

        Assert.False(existedDuringWrite);
        Assert.Empty(listedDuringWrite!);
        Assert.Equal(100, new FileInfo(target).Length);
    }

    [Fact]
    public async Task AFailingWriterLeavesNoFileAndNoTempFile()
    {
        var target = _dir.Path + "/out/a.jsonl";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync(target, async (s, ct) =>
        {
            await s.WriteAsync(new byte[70_000], ct);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("writer failed", error.Message);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path + "/out"));
    }

    [Fact]
    public async Task AFailingWriterLeavesThePreviousVersionIntact()
    {
        var target = _dir.Write("out/a.jsonl", "old\n");

        await Assert.ThrowsAsync<IOException>(() => _store.WriteAsync(target, async (s, ct) =>
        {
            await s.WriteAsync("new but incomplete"u8.ToArray(), ct);
            throw new IOException("disk trouble");
        }));

        Assert.Equal("old\n", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFileSystemEntries(_dir.Path + "/out"));
    }

    [Fact]
    public async Task DeleteRemovesAndIgnoresAbsentFiles()
    {
        var path = _dir.Write("x.txt", "x");

        await _store.DeleteAsync(path);
        await _store.DeleteAsync(path);

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task ListPrefixListsAFolderRecursivelyInOrdinalOrder()
    {
        _dir.Write("out/b.txt", "bb");
        _dir.Write("out/A.txt", "a");
        _dir.Write("out/sub/c.txt", "ccc");
        _dir.Write("outside.txt", "no");

        var listed = await _store.ListPrefixAsync(_dir.Path + "/out/");

        Assert.Equal(
            [new StoredObject(_dir.Path + "/out/A.txt", 1), new StoredObject(_dir.Path + "/out/b.txt", 2), new StoredObject(_dir.Path + "/out/sub/c.txt", 3)],
            listed);
        Assert.Empty(await _store.ListPrefixAsync(_dir.Path + "/missing"));
    }

    [Fact]
    public async Task TryCreateCreatesOnlyWhatDoesNotExistYet()
    {
        var target = _dir.Path + "/out/_SUCCESS";

        Assert.True(await _store.TryCreateAsync(target, "first"u8.ToArray()));
        Assert.False(await _store.TryCreateAsync(target, "second"u8.ToArray()));

        Assert.Equal("first", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(_dir.Path + "/out")); // no temp file left
    }

    [Fact]
    public async Task TryCreateTreatsAnyNameAsTakenAndFollowsNoLink()
    {
        var dangling = _dir.Path + "/out/dangling";
        Directory.CreateDirectory(_dir.Path + "/out/folder");
        File.CreateSymbolicLink(dangling, _dir.Path + "/elsewhere.txt");

        Assert.False(await _store.TryCreateAsync(dangling, "x"u8.ToArray()));
        var error = await Assert.ThrowsAsync<StorageException>(() => _store.TryCreateAsync(_dir.Path + "/out/folder", "x"u8.ToArray()));

        Assert.False(File.Exists(_dir.Path + "/elsewhere.txt"));
        Assert.Equal(StorageErrorKind.InvalidUri, error.Kind);
        Assert.Equal(2, Directory.EnumerateFileSystemEntries(_dir.Path + "/out").Count());
    }

    [Fact]
    public void ConcurrentTryCreatesOfOneNameHaveExactlyOneWinner()
    {
        for (var round = 0; round < 25; round++)
        {
            var target = $"{_dir.Path}/race/{round}.lock";

            var won = Contenders.Race(16, i => _store.TryCreateAsync(target, BitConverter.GetBytes(i)).GetAwaiter().GetResult());

            Assert.Single(won, w => w);
            Assert.Equal(Array.IndexOf(won, true), BitConverter.ToInt32(File.ReadAllBytes(target)));
        }

        Assert.Equal(25, Directory.EnumerateFileSystemEntries(_dir.Path + "/race").Count()); // no temp file left
    }
}
