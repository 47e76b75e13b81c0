using Azure;

namespace Lamdas.Storage;

/// <summary>Turns Azure SDK failures into <see cref="StorageException"/>s that say what went wrong where.</summary>
internal static class BlobErrors
{
    public static bool IsBlobNotFound(RequestFailedException e) =>
        e.Status == 404 && !IsContainerNotFound(e);

    public static bool IsContainerNotFound(RequestFailedException e) =>
        e.Status == 404 && string.Equals(e.ErrorCode, "ContainerNotFound", StringComparison.OrdinalIgnoreCase);

    public static StorageException Map(Exception e, string uri, BlobLocation location, string operation)
    {
        if (e is StorageException storage)
        {
            return storage;
        }

        if (e is RequestFailedException failed)
        {
            return MapRequest(failed, uri, location, operation);
        }

        if (e is AggregateException or HttpRequestException or IOException)
        {
            return new StorageException(StorageErrorKind.Unreachable, uri,
                $"cannot {operation} '{uri}': the blob endpoint could not be reached ({Innermost(e).Message})", e);
        }

        return new StorageException(StorageErrorKind.Other, uri, $"cannot {operation} '{uri}': {e.Message}", e);
    }

    private static StorageException MapRequest(RequestFailedException e, string uri, BlobLocation location, string operation)
    {
        if (IsContainerNotFound(e))
        {
            return new StorageException(StorageErrorKind.ContainerNotFound, uri,
                $"cannot {operation} '{uri}': container '{location.Container}' does not exist", e);
        }

        if (e.Status == 404)
        {
            return new StorageException(StorageErrorKind.NotFound, uri, $"cannot {operation} '{uri}': it does not exist", e);
        }

        if (e.Status is 401 or 403)
        {
            return new StorageException(StorageErrorKind.AuthenticationFailed, uri,
                $"cannot {operation} '{uri}': access denied ({e.Status} {e.ErrorCode}); check the account key or SAS in {StorageOptions.ConnectionStringVariable}", e);
        }

        if (e.Status == 0)
        {
            return new StorageException(StorageErrorKind.Unreachable, uri,
                $"cannot {operation} '{uri}': the blob endpoint could not be reached ({Innermost(e).Message})", e);
        }

        return new StorageException(StorageErrorKind.Other, uri,
            $"cannot {operation} '{uri}': {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}", e);
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
