namespace Lamdas.Storage;

/// <summary>Settings of an <see cref="ObjectStore"/>.</summary>
public sealed record StorageOptions
{
    /// <summary>The environment variable read when <see cref="AzureConnectionString"/> is not set.</summary>
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>
    /// Azure Storage connection string: the account behind <c>az://</c> URIs, and the credentials for blob URLs on
    /// that account's endpoint. Null: the <c>AZURE_STORAGE_CONNECTION_STRING</c> environment variable.
    /// </summary>
    public string? AzureConnectionString { get; init; }

    /// <summary>Size of the blocks staged by blob writes (the commit of the block list is what makes a write atomic).</summary>
    public int BlobBlockBytes { get; init; } = 8 * 1024 * 1024;
}
