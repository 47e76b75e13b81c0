namespace Lamdas.Storage.Tests;

/// <summary>
/// A store confined to team A's prefixes (read <c>in/a</c>, write <c>out/a</c>) on local files, with team B's output
/// (<c>out/b</c>) and a secret (<c>secret/</c>) next to them.
/// </summary>
public sealed class ConfinedLocalStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _in;
    private readonly string _out;
    private readonly string _otherTeam;
    private readonly string _secret;
    private readonly IObjectStore _store;

    public ConfinedLocalStoreTests()
    {
        _in = _dir.Path + "/in/a";
        _out = _dir.Path + "/out/a";
        _otherTeam = _dir.Path + "/out/b";
        _secret = _dir.Write("secret/key.txt", "top secret\n");
        _dir.Write("in/a/docs/one.jsonl", "{\"text\":\"one\"}\n");
        Directory.CreateDirectory(_out);
        Directory.CreateDirectory(_otherTeam);
        _store = new ObjectStore().Confine(new StorageGrant([_in], [_out]));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EverythingInsideTheGrantWorks()
    {
        var input = _in + "/docs/one.jsonl";
        var output = _out + "/selected/part-00000.jsonl";

        await _store.WriteAsync(output, (s, ct) => s.WriteAsync("out\n"u8.ToArray(), ct).AsTask());

        Assert.Equal("{\"text\":\"one\"}\n"u8.ToArray(), await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(input)));
        Assert.Equal("one"u8.ToArray(), await StreamBytes.ReadAllAsync(await _store.OpenReadAsync("file://" + input, 9, 3)));
        Assert.Equal(new StoredObject(input, 15), await _store.GetAsync(input));
        Assert.Equal([new StoredObject(input, 15)], await _store.ListAsync(_in + "/**/*.jsonl"));
        Assert.Equal([new StoredObject(input, 15)], await _store.ListPrefixAsync(_in));
        Assert.Equal("out\n"u8.ToArray(), await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(output))); // what it may write, it may read
        Assert.Equal([new StoredObject(output, 4)], await _store.ListPrefixAsync(_out));
        Assert.True(await _store.TryCreateAsync(_out + "/_SUCCESS", "done"u8.ToArray()));
        await _store.DeleteAsync(output);
        Assert.False(File.Exists(output));
        Assert.Empty(await _store.ListPrefixAsync(_in + "/missing"));
    }

    [Fact]
    public async Task PathsOutsideThePrefixesAreRefusedNamingThem()
    {
        var error = await DeniedAsync(() => _store.OpenReadAsync(_secret));
        Assert.Contains(_secret, error.Message);
        Assert.Contains("lies outside the allowed prefixes", error.Message);
        Assert.Equal(_secret, error.Uri);

        await DeniedAsync(() => _store.GetAsync(_dir.Path + "/secret/missing.txt"));
        await DeniedAsync(() => _store.ListAsync(_dir.Path + "/secret/*"));
        await DeniedAsync(() => _store.ListAsync(_dir.Path + "/**"));
        await DeniedAsync(() => _store.ListPrefixAsync(_dir.Path + "/secret"));
        await DeniedAsync(() => _store.WriteAsync(_otherTeam + "/x.jsonl", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => _store.TryCreateAsync(_otherTeam + "/_SUCCESS", "x"u8.ToArray()));
        await DeniedAsync(() => _store.DeleteAsync(_secret));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_otherTeam));
        Assert.True(File.Exists(_secret));
    }

    [Fact]
    public async Task InputPrefixesAreReadOnly()
    {
        var input = _in + "/docs/one.jsonl";

        var error = await DeniedAsync(() => _store.WriteAsync(_in + "/new.jsonl", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => _store.TryCreateAsync(_in + "/new.jsonl", "x"u8.ToArray()));
        await DeniedAsync(() => _store.DeleteAsync(input));

        Assert.Contains("cannot write", error.Message);
        Assert.Contains("may write: " + _out, error.Message);
        Assert.True(File.Exists(input));
        Assert.False(File.Exists(_in + "/new.jsonl"));
    }

    [Fact]
    public async Task DotDotIsAppliedBeforeTheCheck()
    {
        await DeniedAsync(() => _store.OpenReadAsync(_in + "/../../secret/key.txt"));
        await DeniedAsync(() => _store.ListAsync(_in + "/../../secret/*.txt"));
        await DeniedAsync(() => _store.WriteAsync(_out + "/../b/x.jsonl", (_, _) => Task.CompletedTask));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_otherTeam));

        Assert.NotNull(await _store.GetAsync(_in + "/docs/../docs/one.jsonl"));
    }

    [Fact]
    public async Task APrefixDoesNotCoverSiblingsThatStartWithItsName()
    {
        var sibling = _dir.Write("in/ab/x.jsonl", "x\n");

        await DeniedAsync(() => _store.OpenReadAsync(sibling));
        await DeniedAsync(() => _store.ListAsync(_in + "*/x.jsonl"));
        await DeniedAsync(() => _store.ListPrefixAsync(_dir.Path + "/in/ab"));
        await DeniedAsync(() => _store.WriteAsync(_out + "b/x.jsonl", (_, _) => Task.CompletedTask));
        Assert.False(Directory.Exists(_out + "b"));
    }

    [Fact]
    public async Task ALinkToAFileOutsideIsNeitherReadNorListed()
    {
        var link = _in + "/docs/key.jsonl";
        File.CreateSymbolicLink(link, _secret);

        var read = await DeniedAsync(() => _store.OpenReadAsync(link));
        await DeniedAsync(() => _store.OpenReadAsync(link, 0, 100));
        await DeniedAsync(() => _store.GetAsync(link));
        await DeniedAsync(() => _store.ListAsync(link));
        var glob = await DeniedAsync(() => _store.ListAsync(_in + "/docs/*.jsonl"));
        var prefix = await DeniedAsync(() => _store.ListPrefixAsync(_in));

        Assert.Contains(link, read.Message);
        Assert.Contains("symbolic link leads outside", read.Message);
        Assert.Contains($"'{link}' is a symbolic link that leads outside the allowed prefixes", glob.Message);
        Assert.Contains($"'{link}' is a symbolic link that leads outside the allowed prefixes", prefix.Message);
    }

    [Fact]
    public async Task ALinkToAFolderOutsideIsNeitherReadNorListed()
    {
        var link = _in + "/docs/mounted";
        Directory.CreateSymbolicLink(link, _dir.Path + "/secret");

        await DeniedAsync(() => _store.OpenReadAsync(link + "/key.txt"));
        await DeniedAsync(() => _store.GetAsync(link + "/key.txt"));
        await DeniedAsync(() => _store.ListAsync(link + "/*"));
        await DeniedAsync(() => _store.ListPrefixAsync(link));
        var glob = await DeniedAsync(() => _store.ListAsync(_in + "/**/*.txt"));
        var flat = await DeniedAsync(() => _store.ListAsync(_in + "/docs/*.jsonl"));
        var prefix = await DeniedAsync(() => _store.ListPrefixAsync(_in));

        Assert.Contains($"'{link}' is a symbolic link", glob.Message);
        Assert.Contains($"'{link}' is a symbolic link", flat.Message);
        Assert.Contains($"'{link}' is a symbolic link", prefix.Message);
    }

    [Fact]
    public async Task TheUnconfinedStoreStillFollowsLinks()
    {
        var link = _in + "/docs/mounted";
        Directory.CreateSymbolicLink(link, _dir.Path + "/secret");
        var store = new ObjectStore();

        Assert.Equal("top secret\n"u8.ToArray(), await StreamBytes.ReadAllAsync(await store.OpenReadAsync(link + "/key.txt")));
        Assert.Contains(link + "/key.txt", (await store.ListPrefixAsync(_in)).Select(o => o.Uri));
    }

    [Fact]
    public async Task ALinkInTheOutputFolderCannotWriteIntoAnotherTeamsFolder()
    {
        var link = _out + "/shared";
        Directory.CreateSymbolicLink(link, _otherTeam);
        var theirs = _dir.Write("out/b/result.jsonl", "theirs\n");

        var write = await DeniedAsync(() => _store.WriteAsync(link + "/result.jsonl", (s, ct) => s.WriteAsync("mine\n"u8.ToArray(), ct).AsTask()));
        await DeniedAsync(() => _store.WriteAsync(link + "/new/deeper.jsonl", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => _store.TryCreateAsync(link + "/_SUCCESS", "x"u8.ToArray()));
        await DeniedAsync(() => _store.DeleteAsync(link + "/result.jsonl"));

        Assert.Contains(link + "/result.jsonl", write.Message);
        Assert.Contains("symbolic link leads outside", write.Message);
        Assert.Equal([theirs], Directory.EnumerateFileSystemEntries(_otherTeam, "*", SearchOption.AllDirectories));
        Assert.Equal("theirs\n", await File.ReadAllTextAsync(theirs));
    }

    [Fact]
    public async Task ALinkAtTheTargetNameIsReplacedNotFollowed()
    {
        var theirs = _dir.Write("out/b/result.jsonl", "theirs\n");
        var target = _out + "/result.jsonl";
        File.CreateSymbolicLink(target, theirs);
        var dangling = _out + "/_SUCCESS";
        File.CreateSymbolicLink(dangling, _otherTeam + "/_SUCCESS");

        Assert.False(await _store.TryCreateAsync(dangling, "x"u8.ToArray())); // the name is taken, by the link
        await _store.WriteAsync(target, (s, ct) => s.WriteAsync("mine\n"u8.ToArray(), ct).AsTask());

        Assert.Equal("theirs\n", await File.ReadAllTextAsync(theirs));
        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal("mine\n", await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(_otherTeam + "/_SUCCESS"));

        await _store.DeleteAsync(dangling);
        Assert.False(Path.Exists(dangling) || new FileInfo(dangling).LinkTarget is not null);
    }

    [Fact]
    public async Task DeletingALinkRemovesTheLinkNotItsTarget()
    {
        var theirs = _dir.Write("out/b/result.jsonl", "theirs\n");
        var link = _out + "/result.jsonl";
        File.CreateSymbolicLink(link, theirs);

        await _store.DeleteAsync(link);

        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.True(File.Exists(theirs));
    }

    [Fact]
    public async Task ALinkSwappedInAfterTheFirstCheckIsRefusedWhenOpened()
    {
        var input = _in + "/docs/one.jsonl";
        var swapped = false;
        Local(_store).BeforeOpen = path =>
        {
            if (path == input)
            {
                File.Delete(input);
                File.CreateSymbolicLink(input, _secret);
                swapped = true;
            }
        };

        var error = await DeniedAsync(() => _store.OpenReadAsync(input));

        Assert.True(swapped);
        Assert.Contains("symbolic link leads outside", error.Message);
    }

    [Fact]
    public async Task AFolderSwappedForALinkAfterTheCheckLeavesNothingInTheOtherFolder()
    {
        var folder = _out + "/selected";
        Directory.CreateDirectory(folder);
        var swapped = false;
        Local(_store).BeforeOpen = _ =>
        {
            Directory.Move(folder, folder + "-before");
            Directory.CreateSymbolicLink(folder, _otherTeam);
            swapped = true;
        };

        await DeniedAsync(() => _store.WriteAsync(folder + "/part-00000.jsonl", (s, ct) => s.WriteAsync("mine\n"u8.ToArray(), ct).AsTask()));

        Assert.True(swapped);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_otherTeam));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder + "-before"));
    }

    [Fact]
    public async Task LinksThatStayInsideKeepWorking()
    {
        var data = _in + "/docs/one.jsonl";
        File.CreateSymbolicLink(_in + "/alias.jsonl", data);
        Directory.CreateSymbolicLink(_in + "/docs-alias", _in + "/docs");
        Directory.CreateSymbolicLink(_in + "/docs/up", _in); // a loop: listed once, not walked forever
        File.CreateSymbolicLink(_in + "/written.txt", _out + "/w.txt"); // into the output prefix, which is readable
        await File.WriteAllTextAsync(_out + "/w.txt", "w\n");
        Directory.CreateDirectory(_out + "/real");
        Directory.CreateSymbolicLink(_out + "/alias", _out + "/real");

        await _store.WriteAsync(_out + "/alias/x.jsonl", (s, ct) => s.WriteAsync("x\n"u8.ToArray(), ct).AsTask());

        Assert.Equal("x\n", await File.ReadAllTextAsync(_out + "/real/x.jsonl"));
        Assert.Equal("{\"text\":\"one\"}\n"u8.ToArray(), await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(_in + "/alias.jsonl")));
        Assert.Equal("w\n"u8.ToArray(), await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(_in + "/written.txt")));
        Assert.Equal(new StoredObject(_in + "/alias.jsonl", 15), await _store.GetAsync(_in + "/alias.jsonl"));
        Assert.Equal(
            [
                new StoredObject(_in + "/alias.jsonl", 15),
                new StoredObject(_in + "/docs-alias/one.jsonl", 15),
                new StoredObject(_in + "/docs/one.jsonl", 15),
                new StoredObject(_in + "/written.txt", 2),
            ],
            await _store.ListPrefixAsync(_in));
        Assert.Equal([new StoredObject(_in + "/docs-alias/one.jsonl", 15)], await _store.ListAsync(_in + "/docs-alias/*.jsonl"));
    }

    [Fact]
    public async Task PrefixesAreResolvedThroughLinksAndMayNotExistYet()
    {
        var alias = _dir.Path + "/team-a-input";
        Directory.CreateSymbolicLink(alias, _in);
        var later = _dir.Path + "/later/c";
        var store = new ObjectStore().Confine(new StorageGrant([alias], [later]));

        Assert.NotNull(await store.GetAsync(alias + "/docs/one.jsonl"));
        Assert.NotNull(await store.GetAsync(_in + "/docs/one.jsonl"));
        await DeniedAsync(() => store.GetAsync(_dir.Path + "/in/x.jsonl"));
        await store.WriteAsync(later + "/deep/x.jsonl", (s, ct) => s.WriteAsync("x\n"u8.ToArray(), ct).AsTask());
        Assert.Equal("x\n", await File.ReadAllTextAsync(later + "/deep/x.jsonl"));
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("/data/*.jsonl")]
    [InlineData("s3://bucket/path")]
    [InlineData("")]
    public void MalformedPrefixesAreConfigurationErrors(string prefix)
    {
        var error = Assert.Throws<StorageException>(() => new ObjectStore().Confine(new StorageGrant([prefix], [])));

        Assert.Equal(StorageErrorKind.Configuration, error.Kind);
    }

    private static LocalFileStore Local(IObjectStore store) => ((ConfinedObjectStore)store).Local;

    private static async Task<StorageException> DeniedAsync(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<StorageException>(action);
        Assert.Equal(StorageErrorKind.AccessDenied, error.Kind);
        return error;
    }
}
