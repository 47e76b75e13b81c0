using System.Runtime.InteropServices;

namespace Lamdas.Storage;

/// <summary>The one file operation .NET lacks: giving a file a new name only when that name is free, atomically.</summary>
internal static class NativeFile
{
    /// <summary>EEXIST, the same on Linux and macOS.</summary>
    private const int AlreadyExists = 17;

    /// <summary>
    /// Gives the file at <paramref name="source"/> the name <paramref name="destination"/> as well, unless something
    /// (a file, folder or symbolic link) already has that name: true when it got the name, false when the name was taken.
    /// On Unix this is <c>link(2)</c>, which the kernel refuses atomically when the name exists; where hard links are not
    /// supported it falls back to creating the destination exclusively (<see cref="FileMode.CreateNew"/>) and copying,
    /// which still lets only one caller win but lets readers see the destination before it is complete. On Windows it
    /// is a move that does not replace.
    /// </summary>
    public static bool TryLinkNoReplace(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, destination, overwrite: false);
                return true;
            }
            catch (IOException) when (Taken(destination))
            {
                return false;
            }
        }

        if (Link(source, destination) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == AlreadyExists ? false : TryCopyNoReplace(source, destination);
    }

    private static bool TryCopyNoReplace(string source, string destination)
    {
        FileStream output;
        try
        {
            output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (Taken(destination))
        {
            return false;
        }

        try
        {
            using (output)
            {
                using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            return true;
        }
        catch
        {
            File.Delete(destination);
            throw;
        }
    }

    private static bool Taken(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string destination);
}
