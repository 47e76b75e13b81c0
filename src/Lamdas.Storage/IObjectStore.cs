namespace Lamdas.Storage;

/// <summary>
/// Files and blobs behind one interface. URIs: local paths, <c>file://</c> URIs, <c>az://container/path</c>,
/// <c>https://account.blob.core.windows.net/container/path</c> and path-style emulator URLs
/// (<c>http://127.0.0.1:10000/devstoreaccount1/container/path</c>).
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Lists the objects a URI or glob names, sorted ordinally by <see cref="StoredObject.Uri"/>.
    /// A glob (<c>*</c>, <c>?</c>, <c>**</c>, <c>[abc]</c>, <c>[!abc]</c>, <c>[a-z]</c>) lists every object whose whole
    /// path matches; <c>*</c> and <c>?</c> never cross '/', <c>**</c> as a whole segment spans any number of folders.
    /// A URI without wildcards lists the one object with exactly that name, or nothing: a folder or prefix is
    /// not expanded (use <c>folder/**</c> or <see cref="ListPrefixAsync"/>).
    /// </summary>
    Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default);

    /// <summary>The object's canonical URI and length, or null when it does not exist.</summary>
    Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default);

    /// <summary>A sequential stream over the whole object; <see cref="StorageException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default);

    /// <summary>
    /// A sequential stream over bytes [offset, offset + length) of the object, clipped at its end
    /// (an offset at or past the end gives an empty stream).
    /// </summary>
    Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default);

    /// <summary>
    /// Writes the object atomically: <paramref name="write"/> fills a stream, and the object appears (or replaces
    /// the previous one) only once it returns successfully. When it throws, nothing is left behind.
    /// The stream is write-only and may not be seekable; its <see cref="Stream.Position"/> reports bytes written.
    /// </summary>
    Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default);

    /// <summary>
    /// Creates the object only if nothing exists at that name yet, atomically: of any number of concurrent calls for
    /// one name, at most one returns true, and the object never appears partly written (except on local file systems
    /// without hard links, where the one winner's file can be seen while it is being filled). True: this call created
    /// it; false: something was already there (and is left unchanged).
    /// </summary>
    Task<bool> TryCreateAsync(string uri, ReadOnlyMemory<byte> content, CancellationToken ct = default);

    /// <summary>Deletes the object; no error when it does not exist.</summary>
    Task DeleteAsync(string uri, CancellationToken ct = default);

    /// <summary>
    /// Every object under a folder, recursively, sorted ordinally. <c>az://c/out</c> lists <c>out/…</c>
    /// (not <c>output.txt</c>); a local folder that does not exist lists nothing.
    /// </summary>
    Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default);
}
