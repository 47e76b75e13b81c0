namespace Lamdas.Storage;

/// <summary>What went wrong in a <see cref="StorageException"/>.</summary>
public enum StorageErrorKind
{
    /// <summary>Anything not listed below.</summary>
    Other,

    /// <summary>The URI is malformed or uses an unsupported form.</summary>
    InvalidUri,

    /// <summary>Required configuration is missing or invalid (for example no connection string for <c>az://</c>).</summary>
    Configuration,

    /// <summary>The object does not exist.</summary>
    NotFound,

    /// <summary>The blob container does not exist.</summary>
    ContainerNotFound,

    /// <summary>The service refused the credentials or the operation.</summary>
    AuthenticationFailed,

    /// <summary>The service could not be reached.</summary>
    Unreachable,

    /// <summary>
    /// A confined store (<see cref="ObjectStore.Confine"/>) refused the operation: the path lies outside the prefixes its
    /// <see cref="StorageGrant"/> allows for that operation, or a symbolic link leads outside them.
    /// </summary>
    AccessDenied,
}
