namespace Lamdas.Storage.Tests;

public sealed class ObjectStoreTests
{
    [Fact]
    public async Task UnsupportedSchemesAreRejectedWithTheScheme()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => new ObjectStore().GetAsync("s3://bucket/key.jsonl"));

        Assert.Equal(StorageErrorKind.InvalidUri, error.Kind);
        Assert.Contains("'s3'", error.Message);
    }

    [Fact]
    public async Task AnInvalidConnectionStringIsAConfigurationError()
    {
        var store = new ObjectStore(new StorageOptions { AzureConnectionString = "this is not a connection string" });

        var error = await Assert.ThrowsAsync<StorageException>(() => store.GetAsync("az://c/x.jsonl"));

        Assert.Equal(StorageErrorKind.Configuration, error.Kind);
        Assert.Contains("connection string", error.Message);
    }

    [Fact]
    public async Task AzUrisWithoutAConnectionStringSayWhichVariableToSet()
    {
        var saved = Environment.GetEnvironmentVariable(StorageOptions.ConnectionStringVariable);
        Environment.SetEnvironmentVariable(StorageOptions.ConnectionStringVariable, null);
        try
        {
            var error = await Assert.ThrowsAsync<StorageException>(() => new ObjectStore().ListAsync("az://corpus/data/*.jsonl"));

            Assert.Equal(StorageErrorKind.Configuration, error.Kind);
            Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", error.Message);
            Assert.Contains("az://corpus/data/*.jsonl", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StorageOptions.ConnectionStringVariable, saved);
        }
    }

    [Theory]
    [InlineData("az://")]
    [InlineData("az://c*/x")]
    [InlineData("https://acct.blob.core.windows.net/c/x?sv=2020&sig=abc")]
    [InlineData("http://127.0.0.1:10000/")]
    public async Task MalformedBlobUrisAreInvalid(string uri)
    {
        var store = new ObjectStore(new StorageOptions { AzureConnectionString = "UseDevelopmentStorage=true" });

        var error = await Assert.ThrowsAsync<StorageException>(() => store.GetAsync(uri));

        Assert.Equal(StorageErrorKind.InvalidUri, error.Kind);
    }
}
