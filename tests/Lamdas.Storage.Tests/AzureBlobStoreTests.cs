using System.Text;

namespace Lamdas.Storage.Tests;

[Integration]
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreTests
{
    private readonly AzuriteServer _azurite;
    private readonly IObjectStore _store;

    public AzureBlobStoreTests(AzuriteServer azurite)
    {
        _azurite = azurite;
        _store = new ObjectStore(new StorageOptions { AzureConnectionString = azurite.ConnectionString, BlobBlockBytes = 1000 });
    }

    [Fact]
    public async Task AMultiBlockWriteReadsBackByteForByte()
    {
        var container = await _azurite.CreateContainerAsync();
        var content = StreamBytes.Pattern(4321); // five blocks of 1000 bytes, the last partial
        var uri = $"az://{container}/out/part-00000.bin";

        await _store.WriteAsync(uri, (s, ct) => WriteInPiecesAsync(s, content, 333, ct));

        Assert.Equal(new StoredObject(uri, 4321), await _store.GetAsync(uri));
        Assert.Equal(content, await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri)));
    }

    [Fact]
    public async Task SynchronousWritesAndEmptyBlobsWork()
    {
        var container = await _azurite.CreateContainerAsync();
        var content = StreamBytes.Pattern(2500);

        await _store.WriteAsync($"az://{container}/sync.bin", (s, _) =>
        {
            s.Write(content);
            return Task.CompletedTask;
        });
        await _store.WriteAsync($"az://{container}/empty.bin", (_, _) => Task.CompletedTask);

        Assert.Equal(content, await StreamBytes.ReadAllAsync(await _store.OpenReadAsync($"az://{container}/sync.bin")));
        Assert.Equal(new StoredObject($"az://{container}/empty.bin", 0), await _store.GetAsync($"az://{container}/empty.bin"));
        Assert.Empty(await StreamBytes.ReadAllAsync(await _store.OpenReadAsync($"az://{container}/empty.bin")));
    }

    [Theory]
    [InlineData("data/*.jsonl", "data/a.jsonl data/b.jsonl")]
    [InlineData("data/**/*.jsonl", "data/a.jsonl data/b.jsonl data/sub/d.jsonl")]
    [InlineData("data/x[0-9].json", "data/x1.json data/x2.json")]
    [InlineData("data/x?.json", "data/x1.json data/x2.json data/xa.json")]
    [InlineData("data/[!a-b]*", "data/c.txt data/x1.json data/x2.json data/xa.json")]
    [InlineData("**", "data/a.jsonl data/b.jsonl data/c.txt data/sub/d.jsonl data/x1.json data/x2.json data/xa.json database.jsonl other/a.jsonl")]
    [InlineData("data/a.jsonl", "data/a.jsonl")]
    [InlineData("data", "")]
    [InlineData("data/missing.jsonl", "")]
    public async Task GlobsAndExactNamesListMatchingBlobs(string pattern, string expected)
    {
        var container = await CreateTreeAsync();

        var listed = await _store.ListAsync($"az://{container}/{pattern}");

        var names = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(names.Select(n => $"az://{container}/{n}"), listed.Select(o => o.Uri));
        Assert.Equal(names.Select(n => (long)n.Length), listed.Select(o => o.Length));
    }

    [Fact]
    public async Task ListPrefixListsAFolderNotANamePrefix()
    {
        var container = await CreateTreeAsync();

        var listed = await _store.ListPrefixAsync($"az://{container}/data");

        Assert.Equal(
            ["data/a.jsonl", "data/b.jsonl", "data/c.txt", "data/sub/d.jsonl", "data/x1.json", "data/x2.json", "data/xa.json"],
            listed.Select(o => o.Uri[$"az://{container}/".Length..]));
    }

    [Fact]
    public async Task RangeReadsReturnTheRequestedBytesClippedAtTheEnd()
    {
        var container = await _azurite.CreateContainerAsync();
        var content = StreamBytes.Pattern(3000);
        var uri = $"az://{container}/r.bin";
        await _store.WriteAsync(uri, (s, ct) => s.WriteAsync(content, ct).AsTask());

        Assert.Equal(content[1000..1500], await ReadRangeAsync(uri, 1000, 500));
        Assert.Equal(content[2990..], await ReadRangeAsync(uri, 2990, 100));
        Assert.Equal(content[7..], await ReadRangeAsync(uri, 7, long.MaxValue - 7));
        Assert.Empty(await ReadRangeAsync(uri, 3000, 10));
        Assert.Empty(await ReadRangeAsync(uri, 9000, 10));
        Assert.Empty(await ReadRangeAsync(uri, 10, 0));
    }

    [Fact]
    public async Task AFailingWriterCommitsNothing()
    {
        var container = await _azurite.CreateContainerAsync();
        var uri = $"az://{container}/out/new.bin";
        StoredObject? duringWrite = new("sentinel", -1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync(uri, async (s, ct) =>
        {
            await s.WriteAsync(StreamBytes.Pattern(3500), ct); // three blocks staged
            duringWrite = await _store.GetAsync(uri, ct);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Null(duringWrite);
        Assert.Null(await _store.GetAsync(uri));
        Assert.Empty(await _store.ListPrefixAsync($"az://{container}"));
    }

    [Fact]
    public async Task AnOverwriteIsAtomic()
    {
        var container = await _azurite.CreateContainerAsync();
        var uri = $"az://{container}/a.jsonl";
        var old = Encoding.UTF8.GetBytes("old content\n");
        await _store.WriteAsync(uri, (s, ct) => s.WriteAsync(old, ct).AsTask());
        byte[]? seenDuringWrite = null;

        await Assert.ThrowsAsync<IOException>(() => _store.WriteAsync(uri, async (s, ct) =>
        {
            await s.WriteAsync(StreamBytes.Pattern(2500), ct);
            seenDuringWrite = await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri, ct));
            throw new IOException("lost the source");
        }));
        Assert.Equal(old, seenDuringWrite);
        Assert.Equal(old, await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri)));

        var replacement = StreamBytes.Pattern(2222);
        await _store.WriteAsync(uri, (s, ct) => s.WriteAsync(replacement, ct).AsTask());
        Assert.Equal(replacement, await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri)));
    }

    [Fact]
    public async Task DeleteRemovesAndIgnoresAbsentBlobs()
    {
        var container = await _azurite.CreateContainerAsync();
        var uri = $"az://{container}/gone.txt";
        await _store.WriteAsync(uri, (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask());

        await _store.DeleteAsync(uri);
        await _store.DeleteAsync(uri);

        Assert.Null(await _store.GetAsync(uri));
    }

    [Fact]
    public async Task HttpUrlsWorkAndListInUrlForm()
    {
        var container = await CreateTreeAsync();
        var baseUrl = $"{_azurite.BlobEndpoint}/{container}";
        var content = StreamBytes.Pattern(1800);

        await _store.WriteAsync($"{baseUrl}/url/new file.bin", (s, ct) => s.WriteAsync(content, ct).AsTask());
        var listed = await _store.ListAsync($"{baseUrl}/data/*.jsonl");
        var written = await _store.ListAsync($"{baseUrl}/url/*");

        Assert.Equal([$"{baseUrl}/data/a.jsonl", $"{baseUrl}/data/b.jsonl"], listed.Select(o => o.Uri));
        Assert.Equal([new StoredObject($"{baseUrl}/url/new%20file.bin", 1800)], written);
        Assert.Equal(content[100..200], await ReadRangeAsync(written[0].Uri, 100, 100));
        Assert.Equal(content, await StreamBytes.ReadAllAsync(await _store.OpenReadAsync($"az://{container}/url/new file.bin")));
    }

    [Fact]
    public async Task AMissingContainerIsNamed()
    {
        var list = await Assert.ThrowsAsync<StorageException>(() => _store.ListAsync("az://nosuchcontainer/data/*.jsonl"));
        var read = await Assert.ThrowsAsync<StorageException>(() => _store.OpenReadAsync("az://nosuchcontainer/a.jsonl"));
        var write = await Assert.ThrowsAsync<StorageException>(() => _store.WriteAsync("az://nosuchcontainer/a.jsonl", (s, ct) => s.WriteAsync(new byte[10], ct).AsTask()));

        Assert.All([list, read, write], e =>
        {
            Assert.Equal(StorageErrorKind.ContainerNotFound, e.Kind);
            Assert.Contains("container 'nosuchcontainer' does not exist", e.Message);
        });
    }

    [Fact]
    public async Task AMissingBlobIsNotFound()
    {
        var container = await _azurite.CreateContainerAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => _store.OpenReadAsync($"az://{container}/none.jsonl"));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Contains($"az://{container}/none.jsonl", error.Message);
    }

    [Fact]
    public async Task AWrongAccountKeyIsAnAuthenticationFailure()
    {
        var container = await _azurite.CreateContainerAsync();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var store = new ObjectStore(new StorageOptions { AzureConnectionString = _azurite.ConnectionString.Replace(AzuriteServer.AccountKey, wrongKey) });

        var error = await Assert.ThrowsAsync<StorageException>(() => store.ListAsync($"az://{container}/*"));

        Assert.Equal(StorageErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", error.Message);
    }

    [Fact]
    public async Task TryCreateCreatesOnlyWhatDoesNotExistYet()
    {
        var container = await _azurite.CreateContainerAsync();
        var uri = $"az://{container}/out/_SUCCESS";

        Assert.True(await _store.TryCreateAsync(uri, "first"u8.ToArray()));
        Assert.False(await _store.TryCreateAsync(uri, "second"u8.ToArray()));

        Assert.Equal("first"u8.ToArray(), await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri)));
        var error = await Assert.ThrowsAsync<StorageException>(() => _store.TryCreateAsync("az://nosuchcontainer/x", "x"u8.ToArray()));
        Assert.Equal(StorageErrorKind.ContainerNotFound, error.Kind);
    }

    [Fact]
    public async Task ConcurrentTryCreatesOfOneBlobHaveExactlyOneWinner()
    {
        var container = await _azurite.CreateContainerAsync();
        for (var round = 0; round < 5; round++)
        {
            var uri = $"az://{container}/race/{round}.lock";

            var won = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => _store.TryCreateAsync(uri, BitConverter.GetBytes(i)))));

            Assert.Single(won, w => w);
            Assert.Equal(Array.IndexOf(won, true), BitConverter.ToInt32(await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri))));
        }
    }

    private async Task<string> CreateTreeAsync()
    {
        var container = await _azurite.CreateContainerAsync();
        string[] names = ["data/a.jsonl", "data/b.jsonl", "data/c.txt", "data/sub/d.jsonl", "data/x1.json", "data/x2.json", "data/xa.json", "database.jsonl", "other/a.jsonl"];
        foreach (var name in names)
        {
            await _store.WriteAsync($"az://{container}/{name}", (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes(name), ct).AsTask());
        }

        return container;
    }

    private async Task<byte[]> ReadRangeAsync(string uri, long offset, long length) =>
        await StreamBytes.ReadAllAsync(await _store.OpenReadAsync(uri, offset, length));

    private static async Task WriteInPiecesAsync(Stream stream, byte[] content, int piece, CancellationToken ct)
    {
        for (var i = 0; i < content.Length; i += piece)
        {
            await stream.WriteAsync(content.AsMemory(i, Math.Min(piece, content.Length - i)), ct);
        }
    }
}
