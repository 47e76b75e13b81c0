using Azure.Storage.Blobs;
using Lamdas.Jobs.Running;
using Lamdas.Storage;

namespace Lamdas.Jobs.Tests;

[Integration]
[Collection(AzuriteCollection.Name)]
public sealed class ModelLocatorTests(AzuriteServer azurite)
{
    private readonly ObjectStore _store = new(new StorageOptions { AzureConnectionString = azurite.ConnectionString });

    [Fact]
    public async Task ABlobFolderIsDownloadedIntoTheCache()
    {
        var container = await azurite.CreateContainerAsync();
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        await client.UploadBlobAsync("model/config.json", BinaryData.FromString("{}"));
        await client.UploadBlobAsync("model/sub/weights.bin", BinaryData.FromString("w"));

        var local = await ModelLocator.DownloadIfRemoteAsync(_store, $"az://{container}/model", CancellationToken.None);
        try
        {
            Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(local, "config.json")));
            Assert.Equal("w", await File.ReadAllTextAsync(Path.Combine(local, "sub", "weights.bin")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task ABlobNamedWithAnAbsolutePathIsRefusedAndNothingIsWritten()
    {
        var outside = Directory.CreateTempSubdirectory("lamdas-model-locator-").FullName;
        try
        {
            var container = await azurite.CreateContainerAsync();
            var client = new BlobContainerClient(azurite.ConnectionString, container);
            await client.UploadBlobAsync("model/config.json", BinaryData.FromString("{}"));
            await client.UploadBlobAsync($"model/{outside}/x.txt", BinaryData.FromString("planted")); // model//tmp/…/x.txt

            var error = await Assert.ThrowsAsync<JobFailedException>(() =>
                ModelLocator.DownloadIfRemoteAsync(_store, $"az://{container}/model", CancellationToken.None));

            Assert.Contains($"az://{container}/model/{outside}/x.txt", error.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("../../{0}")]
    [InlineData("sub/../../../{0}")]
    [InlineData(@"sub\..\..\..\{0}")]
    [InlineData("./{0}")]
    [InlineData("sub//{0}")]
    public async Task BlobNamesWithDotSegmentsEmptySegmentsOrBackslashesAreRefused(string pattern)
    {
        var marker = "lamdas-model-locator-" + Guid.NewGuid().ToString("N") + ".txt";
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, marker);
        var location = $"az://c{Guid.NewGuid():N}/model";
        var store = new ListedBlobs(location, ["config.json", name]);
        try
        {
            var error = await Assert.ThrowsAsync<JobFailedException>(() => ModelLocator.DownloadIfRemoteAsync(store, location, CancellationToken.None));

            Assert.Contains($"{location}/{name}", error.Message);
            Assert.Empty(store.Opened); // every name is checked before anything is downloaded
            Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), marker)));
        }
        finally
        {
            File.Delete(Path.Combine(Path.GetTempPath(), marker));
        }
    }
}
