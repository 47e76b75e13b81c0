using Microsoft.Win32.SafeHandles;

namespace Lamdas.Storage;

/// <summary>
/// Real paths: absolute, '/'-separated, with every symbolic link resolved. .NET has no realpath
/// (<see cref="FileSystemInfo.ResolveLinkTarget"/> resolves only the last component), and resolving component by
/// component with readlink takes a few lines, so no library is used for it.
/// </summary>
internal static class RealPath
{
    /// <summary>The most symbolic links followed while resolving one path (the Linux kernel's limit).</summary>
    public const int MaxLinks = 40;

    private const string ProcFd = "/proc/self/fd/";

    private const string DeletedSuffix = " (deleted)";

    /// <summary>
    /// The real path of an absolute <paramref name="path"/>: each component that is a symbolic link is replaced by its
    /// target (relative targets against the link's folder), and '.' and '..' are applied to what is resolved so far
    /// (so <c>link/..</c> is the parent of the link's target, as the kernel sees it). Components that do not exist are
    /// appended as written. Throws <see cref="IOException"/> after <see cref="MaxLinks"/> links (a loop).
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = path.Replace(Path.DirectorySeparatorChar, '/');
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path", nameof(path));
        }

        var root = Root(path);
        var resolved = root;
        var pending = new Stack<string>();
        Push(pending, path[root.Length..]);
        var links = 0;
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (name is "" or ".")
            {
                continue;
            }

            if (name == "..")
            {
                resolved = Parent(resolved, root);
                continue;
            }

            var candidate = Join(resolved, name);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate; // not a link, or not there
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links resolving '{path}'");
            }

            target = target.Replace(Path.DirectorySeparatorChar, '/');
            if (Path.IsPathRooted(target))
            {
                root = Root(target);
                resolved = root;
                target = target[root.Length..];
            }

            Push(pending, target);
        }

        return resolved;
    }

    /// <summary>
    /// The real path of the file an open handle refers to. On Linux this is the kernel's own answer (the link
    /// <c>/proc/self/fd/N</c>), which no later change to the path can alter; elsewhere, or when <c>/proc</c> is not
    /// mounted, it is <see cref="Resolve"/> of <paramref name="openedPath"/>, which a concurrent change could race.
    /// </summary>
    public static string OfHandle(SafeFileHandle handle, string openedPath)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (OperatingSystem.IsLinux())
        {
            string? target = null;
            try
            {
                target = new FileInfo(ProcFd + handle.DangerousGetHandle().ToInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // /proc not mounted or not readable: fall back below
            }

            if (target is not null && target.StartsWith('/'))
            {
                // A file unlinked since it was opened reads as "path (deleted)": the path is where it was.
                return target.EndsWith(DeletedSuffix, StringComparison.Ordinal) && !File.Exists(target) ? target[..^DeletedSuffix.Length] : target;
            }
        }

        return Resolve(openedPath);
    }

    /// <summary>The root of an absolute path, '/'-separated and ending in '/': <c>/</c>, or <c>C:/</c> on Windows.</summary>
    private static string Root(string path)
    {
        var root = Path.GetPathRoot(path)!.Replace(Path.DirectorySeparatorChar, '/');
        return root.EndsWith('/') ? root : root + "/";
    }

    private static string Join(string folder, string name) => folder.EndsWith('/') ? folder + name : folder + "/" + name;

    private static string Parent(string path, string root)
    {
        if (path.Length <= root.Length)
        {
            return root; // '..' at the root stays at the root
        }

        var slash = path.LastIndexOf('/');
        return slash < root.Length ? root : path[..slash];
    }

    /// <summary>Pushes the components of a relative path so that the first is on top.</summary>
    private static void Push(Stack<string> pending, string relative)
    {
        var names = relative.Split('/');
        for (var i = names.Length - 1; i >= 0; i--)
        {
            pending.Push(names[i]);
        }
    }
}
