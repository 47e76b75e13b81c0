using Azure.Storage.Blobs;

namespace Lamdas.Storage.Tests;

/// <summary>A store confined to team A's blob prefixes (read <c>in/a</c>, write <c>out/a</c>) on Azurite.</summary>
[Integration]
[Collection(AzuriteCollection.Name)]
public sealed class ConfinedBlobStoreTests(AzuriteServer azurite)
{
    private readonly ObjectStore _unconfined = new(new StorageOptions { AzureConnectionString = azurite.ConnectionString });

    [Fact]
    public async Task EverythingInsideTheGrantWorks()
    {
        var c = await CreateTreeAsync();
        var store = Confine(c);

        await store.WriteAsync($"az://{c}/out/a/part-0.jsonl", (s, ct) => s.WriteAsync("out\n"u8.ToArray(), ct).AsTask());

        Assert.Equal("in/a/x.jsonl"u8.ToArray(), await StreamBytes.ReadAllAsync(await store.OpenReadAsync($"az://{c}/in/a/x.jsonl")));
        Assert.Equal("a/x"u8.ToArray(), await StreamBytes.ReadAllAsync(await store.OpenReadAsync($"az://{c}/in/a/x.jsonl", 3, 3)));
        Assert.NotNull(await store.GetAsync($"az://{c}/in/a/x.jsonl"));
        Assert.Equal([$"az://{c}/in/a/x.jsonl"], (await store.ListAsync($"az://{c}/in/a/*.jsonl")).Select(o => o.Uri));
        Assert.Equal([$"az://{c}/in/a/sub/y.jsonl", $"az://{c}/in/a/x.jsonl"], (await store.ListPrefixAsync($"az://{c}/in/a/")).Select(o => o.Uri));
        Assert.Equal([$"az://{c}/out/a/part-0.jsonl"], (await store.ListPrefixAsync($"az://{c}/out/a")).Select(o => o.Uri));
        Assert.True(await store.TryCreateAsync($"az://{c}/out/a/_SUCCESS", "ok"u8.ToArray()));
        await store.DeleteAsync($"az://{c}/out/a/part-0.jsonl");
        Assert.Null(await store.GetAsync($"az://{c}/out/a/part-0.jsonl"));
    }

    [Fact]
    public async Task BlobsOutsideThePrefixesAreRefusedNamingThem()
    {
        var c = await CreateTreeAsync();
        var store = Confine(c);

        var read = await DeniedAsync(() => store.OpenReadAsync($"az://{c}/in/ab/x.jsonl"));
        await DeniedAsync(() => store.GetAsync($"az://{c}/in/ab/x.jsonl"));
        await DeniedAsync(() => store.ListAsync($"az://{c}/in/a*/x.jsonl"));
        await DeniedAsync(() => store.ListAsync($"az://{c}/**"));
        await DeniedAsync(() => store.ListAsync($"az://{c}/in/ab/x.jsonl"));
        await DeniedAsync(() => store.ListPrefixAsync($"az://{c}/in"));
        await DeniedAsync(() => store.ListPrefixAsync($"az://{c}"));
        var write = await DeniedAsync(() => store.WriteAsync($"az://{c}/out/b/x.jsonl", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => store.TryCreateAsync($"az://{c}/out/b/_SUCCESS", "x"u8.ToArray()));
        await DeniedAsync(() => store.DeleteAsync($"az://{c}/out/b/theirs.txt"));
        await DeniedAsync(() => store.WriteAsync($"az://{c}/in/a/new.jsonl", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => store.DeleteAsync($"az://{c}/in/a/x.jsonl"));
        await DeniedAsync(() => store.OpenReadAsync($"az://other{c}/in/a/x.jsonl"));

        Assert.Contains($"az://{c}/in/ab/x.jsonl", read.Message);
        Assert.Contains("lies outside the allowed prefixes", read.Message);
        Assert.Contains($"may write: az://{c}/out/a)", write.Message);
        Assert.Equal([$"az://{c}/out/b/theirs.txt"], (await _unconfined.ListPrefixAsync($"az://{c}/out/b")).Select(o => o.Uri));
        Assert.NotNull(await _unconfined.GetAsync($"az://{c}/in/a/x.jsonl"));
    }

    [Theory]
    [InlineData("out/a/../b/x.txt")]
    [InlineData("out/a/./x.txt")]
    [InlineData("out/a//x.txt")]
    [InlineData("out/a/..")]
    [InlineData(@"out/a\..\b\x.txt")]
    public async Task BlobNamesWithDotSegmentsEmptySegmentsOrBackslashesAreRefused(string name)
    {
        var c = await CreateTreeAsync();
        var store = Confine(c);

        var error = await DeniedAsync(() => store.WriteAsync($"az://{c}/{name}", (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask()));
        await DeniedAsync(() => store.TryCreateAsync($"az://{c}/{name}", "x"u8.ToArray()));
        await DeniedAsync(() => store.GetAsync($"az://{c}/{name}"));

        Assert.Contains("'.' or '..' segments or backslashes", error.Message);
        Assert.Equal([$"az://{c}/out/b/theirs.txt"], (await _unconfined.ListPrefixAsync($"az://{c}/out")).Select(o => o.Uri));
    }

    [Fact]
    public async Task EscapedDotSegmentsInUrlsDoNotLeaveThePrefix()
    {
        var c = await CreateTreeAsync();
        var baseUrl = $"{azurite.BlobEndpoint}/{c}";
        var store = _unconfined.Confine(new StorageGrant([], [$"{baseUrl}/out/a"]));

        await store.WriteAsync($"{baseUrl}/out/a/x.txt", (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask());
        await DeniedAsync(() => store.WriteAsync($"{baseUrl}/out/a/%2e%2e/b/y.txt", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => store.WriteAsync($"{baseUrl}/out/a/%2E%2E/b/y.txt", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => store.WriteAsync($"{baseUrl}/out/a/../b/y.txt", (_, _) => Task.CompletedTask));
        await DeniedAsync(() => store.WriteAsync($"az://{c}/out/a/z.txt", (_, _) => Task.CompletedTask)); // a URL prefix covers URLs only

        Assert.Equal([$"az://{c}/out/a/x.txt", $"az://{c}/out/b/theirs.txt"], (await _unconfined.ListPrefixAsync($"az://{c}/out")).Select(o => o.Uri));
    }

    [Fact]
    public async Task AListingThatMeetsAnUnsafeBlobNameIsRefusedNamingIt()
    {
        var c = await CreateTreeAsync();
        await new BlobContainerClient(azurite.ConnectionString, c).UploadBlobAsync("in/a/sub//evil.txt", BinaryData.FromString("x"));
        var store = Confine(c);

        var error = await DeniedAsync(() => store.ListPrefixAsync($"az://{c}/in/a"));
        await DeniedAsync(() => store.ListAsync($"az://{c}/in/a/**"));

        Assert.Contains($"az://{c}/in/a/sub//evil.txt", error.Message);
        Assert.Equal([$"az://{c}/in/a/x.jsonl"], (await store.ListAsync($"az://{c}/in/a/*.jsonl")).Select(o => o.Uri));
    }

    private IObjectStore Confine(string container) =>
        _unconfined.Confine(new StorageGrant([$"az://{container}/in/a"], [$"az://{container}/out/a"]));

    private async Task<string> CreateTreeAsync()
    {
        var container = await azurite.CreateContainerAsync();
        foreach (var name in new[] { "in/a/x.jsonl", "in/a/sub/y.jsonl", "in/ab/x.jsonl", "out/b/theirs.txt" })
        {
            await _unconfined.WriteAsync($"az://{container}/{name}", (s, ct) => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(name), ct).AsTask());
        }

        return container;
    }

    private static async Task<StorageException> DeniedAsync(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<StorageException>(action);
        Assert.Equal(StorageErrorKind.AccessDenied, error.Kind);
        return error;
    }
}
