namespace Lamdas.Storage;

/// <summary>A storage operation failed; the message names the URI and what went wrong.</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message)
        : this(StorageErrorKind.Other, null, message, null)
    {
    }

    public StorageException(string message, Exception? innerException)
        : this(StorageErrorKind.Other, null, message, innerException)
    {
    }

    public StorageException(StorageErrorKind kind, string? uri, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Uri = uri;
    }

    /// <summary>The kind of failure.</summary>
    public StorageErrorKind Kind { get; }

    /// <summary>The URI the operation was on, when there is one.</summary>
    public string? Uri { get; }
}
