namespace Lamdas.Testing;

/// <summary>
/// A fresh folder under the system temp folder, deleted (best effort) on dispose. <see cref="Path"/> uses '/' and has
/// no trailing '/'.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lamdas-tests-" + Guid.NewGuid().ToString("N")).TrimEnd('/');
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The absolute path of <paramref name="relative"/> inside this folder (nothing is created).</summary>
    public string FilePath(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Creates (if needed) and returns a subfolder.</summary>
    public string Subdirectory(string relative) => Directory.CreateDirectory(FilePath(relative)).FullName;

    /// <summary>Writes a file (creating its folders) and returns its absolute path.</summary>
    public string Write(string relative, byte[] content)
    {
        var path = FilePath(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Writes a UTF-8 text file (creating its folders) and returns its absolute path.</summary>
    public string Write(string relative, string content) => Write(relative, System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only copies of fixture files; harmless as well.
        }
    }
}
