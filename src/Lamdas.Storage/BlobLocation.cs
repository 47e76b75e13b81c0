using System.Net;

namespace Lamdas.Storage;

/// <summary>
/// A parsed blob URI. <see cref="ServiceUri"/> is null for <c>az://</c> (the connection string's account);
/// <see cref="Path"/> is the blob name, a name prefix or a glob (possibly empty).
/// </summary>
internal sealed record BlobLocation(string? ServiceUri, string Container, string Path)
{
    public static BlobLocation Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        var scheme = StorageUri.Scheme(uri);
        var location = scheme is not null && scheme.Equals("az", StringComparison.OrdinalIgnoreCase)
            ? ParseAz(uri, scheme.Length + 3)
            : ParseUrl(uri);
        if (location.Container.Length == 0)
        {
            throw Invalid(uri, "no container named");
        }

        if (GlobPattern.HasWildcard(location.Container))
        {
            throw Invalid(uri, "wildcards are not supported in the container name");
        }

        return location;
    }

    /// <summary>The canonical URI of the blob <paramref name="name"/> in this location's container, in the same form.</summary>
    public string ObjectUri(string name) => ServiceUri is null
        ? $"az://{Container}/{name}"
        : $"{ServiceUri}/{Container}/{string.Join('/', name.Split('/').Select(System.Uri.EscapeDataString))}";

    private static BlobLocation ParseAz(string uri, int start)
    {
        var rest = uri[start..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? new BlobLocation(null, rest, "") : new BlobLocation(null, rest[..slash], rest[(slash + 1)..]);
    }

    private static BlobLocation ParseUrl(string uri)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            throw Invalid(uri, "not a valid URL");
        }

        if (parsed.Query.Length > 0)
        {
            throw Invalid(uri, "query strings (SAS tokens) are not supported in blob URLs; put credentials in the connection string");
        }

        var segments = parsed.AbsolutePath.TrimStart('/').Split('/');
        var pathStyle = IPAddress.TryParse(parsed.Host.Trim('[', ']'), out _) || parsed.IsLoopback;
        var authority = parsed.GetLeftPart(UriPartial.Authority);
        var service = authority;
        var skip = 0;
        if (pathStyle)
        {
            if (segments.Length < 1 || segments[0].Length == 0)
            {
                throw Invalid(uri, "an emulator URL needs the account name as its first path segment (http://127.0.0.1:10000/devstoreaccount1/container/path)");
            }

            service = authority + "/" + segments[0];
            skip = 1;
        }

        var container = segments.Length > skip ? System.Uri.UnescapeDataString(segments[skip]) : "";
        var path = string.Join('/', segments.Skip(skip + 1).Select(System.Uri.UnescapeDataString));
        return new BlobLocation(service, container, path);
    }

    private static StorageException Invalid(string uri, string why) =>
        new(StorageErrorKind.InvalidUri, uri, $"'{uri}' is not a valid blob URI: {why}");
}
