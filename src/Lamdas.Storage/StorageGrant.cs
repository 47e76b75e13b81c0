namespace Lamdas.Storage;

/// <summary>
/// The prefixes a confined store may use (see <see cref="ObjectStore.Confine"/>): <see cref="Read"/> for reading and
/// listing, <see cref="Write"/> for writing, creating and deleting (and reading: a store may read what it may write).
/// </summary>
/// <remarks>
/// <para>
/// A prefix is a folder: an absolute local path (<c>/data/team-a/in</c>), a <c>file:///</c> URI, <c>az://container/path</c>
/// or a blob URL (<c>https://account.blob.core.windows.net/container/path</c>, or a path-style emulator URL). It covers
/// itself and everything below it, compared on whole path segments: <c>/data/a</c> covers <c>/data/a/x</c> but not
/// <c>/data/ab</c>. <c>az://container</c> alone covers the whole container. Prefixes may not contain wildcards.
/// </para>
/// <para>
/// Blob prefixes match URIs in the same form: an <c>az://</c> prefix covers <c>az://</c> URIs, a URL prefix covers URLs
/// on the same endpoint. Local prefixes are compared after resolving symbolic links, so a link cannot lead a confined
/// store outside them; a local prefix that does not exist yet is resolved from its nearest existing folder.
/// </para>
/// </remarks>
/// <param name="Read">Prefixes that may be read and listed.</param>
/// <param name="Write">Prefixes that may be written, created in, deleted from, read and listed.</param>
public sealed record StorageGrant(IReadOnlyList<string> Read, IReadOnlyList<string> Write);
