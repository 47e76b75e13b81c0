namespace Lamdas.Storage;

/// <summary>
/// One object in a store. <see cref="Uri"/> is canonical: an absolute path for local files,
/// <c>az://container/path</c> for blobs addressed that way, and the full URL (no query) for blobs addressed by URL.
/// </summary>
public sealed record StoredObject(string Uri, long Length);
