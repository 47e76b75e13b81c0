namespace Lamdas.Storage.Tests;

/// <summary>A fresh temporary folder, deleted on dispose; <see cref="Path"/> uses '/' and has no trailing '/'.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("lamdas-storage-").FullName.TrimEnd('/');
    }

    public string Path { get; }

    /// <summary>Writes a file (creating folders) under the temp folder and returns its absolute path.</summary>
    public string Write(string relative, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string relative, string content) => Write(relative, System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
