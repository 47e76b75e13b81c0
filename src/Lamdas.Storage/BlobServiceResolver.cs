using System.Collections.Concurrent;
using Azure.Storage.Blobs;

namespace Lamdas.Storage;

/// <summary>
/// Finds the <see cref="BlobServiceClient"/> for a location: the connection string's account for <c>az://</c> and for
/// URLs on that account's endpoint; an anonymous client for URLs on any other endpoint (public containers).
/// </summary>
internal sealed class BlobServiceResolver
{
    private readonly string? _connectionString;
    private readonly Lazy<BlobServiceClient?> _configured;
    private readonly ConcurrentDictionary<string, BlobServiceClient> _anonymous = new(StringComparer.OrdinalIgnoreCase);

    public BlobServiceResolver(StorageOptions options)
    {
        _connectionString = string.IsNullOrWhiteSpace(options.AzureConnectionString)
            ? Environment.GetEnvironmentVariable(StorageOptions.ConnectionStringVariable)
            : options.AzureConnectionString;
        _configured = new Lazy<BlobServiceClient?>(CreateConfigured);
    }

    public BlobServiceClient Resolve(BlobLocation location, string uri)
    {
        if (location.ServiceUri is null)
        {
            if (string.IsNullOrWhiteSpace(_connectionString))
            {
                throw new StorageException(StorageErrorKind.Configuration, uri,
                    $"'{uri}' needs an Azure Storage account: set the {StorageOptions.ConnectionStringVariable} environment variable (or StorageOptions.AzureConnectionString) to the account's connection string");
            }

            return Configured(uri);
        }

        if (!string.IsNullOrWhiteSpace(_connectionString))
        {
            var configured = Configured(uri);
            if (SameEndpoint(configured.Uri.ToString(), location.ServiceUri))
            {
                return configured;
            }
        }

        return _anonymous.GetOrAdd(location.ServiceUri, static service => new BlobServiceClient(new Uri(service)));
    }

    private BlobServiceClient Configured(string uri)
    {
        try
        {
            return _configured.Value!;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageException(StorageErrorKind.Configuration, uri,
                $"the Azure Storage connection string (from {StorageOptions.ConnectionStringVariable} or StorageOptions.AzureConnectionString) is invalid: {e.Message}", e);
        }
    }

    private BlobServiceClient? CreateConfigured() => new(_connectionString);

    private static bool SameEndpoint(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
