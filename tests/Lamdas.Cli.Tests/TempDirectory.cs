namespace Lamdas.Cli.Tests;

/// <summary>A unique temporary directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lamdas-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The absolute path of <paramref name="relative"/> inside this directory (not created).</summary>
    public string FilePath(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Creates (if needed) and returns a subdirectory.</summary>
    public string Subdirectory(string relative) => System.IO.Directory.CreateDirectory(FilePath(relative)).FullName;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only copies of fixture files; harmless as well.
        }
    }
}
