using Lamdas.Storage;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// A store that lists the given names under a blob folder (names Azure itself would not keep, such as ones with '..'
/// segments) and serves each as a one-byte object; it records what was opened. Nothing else is supported.
/// </summary>
internal sealed class ListedBlobs(string folder, IReadOnlyList<string> names) : IObjectStore
{
    public List<string> Opened { get; } = [];

    public Task<IReadOnlyList<StoredObject>> ListPrefixAsync(string uriPrefix, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StoredObject>>(names.Select(n => new StoredObject(folder.TrimEnd('/') + "/" + n, 1)).ToList());

    public Task<Stream> OpenReadAsync(string uri, CancellationToken ct = default)
    {
        Opened.Add(uri);
        return Task.FromResult<Stream>(new MemoryStream([1]));
    }

    public Task<IReadOnlyList<StoredObject>> ListAsync(string uriOrGlob, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<StoredObject?> GetAsync(string uri, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<Stream> OpenReadAsync(string uri, long offset, long length, CancellationToken ct = default) => throw new NotSupportedException();

    public Task WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<bool> TryCreateAsync(string uri, ReadOnlyMemory<byte> content, CancellationToken ct = default) => throw new NotSupportedException();

    public Task DeleteAsync(string uri, CancellationToken ct = default) => throw new NotSupportedException();
}
