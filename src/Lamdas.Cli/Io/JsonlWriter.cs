using System.Text.Json;

namespace Lamdas.Cli.Io;

/// <summary>Writes one JSON object per line to a file (atomically renamed on completion) or standard output.</summary>
public sealed class JsonlWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream stream;
    private readonly Utf8JsonWriter json;
    private readonly string? finalPath;
    private readonly string? tempPath;
    private bool completed;

    public JsonlWriter(string path)
    {
        if (path == "-")
        {
            stream = Console.OpenStandardOutput();
        }
        else
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            finalPath = path;
            tempPath = path + ".tmp";
            stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Write(Action<Utf8JsonWriter> body)
    {
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        stream.Write(NewLine);
    }

    /// <summary>Makes the output visible under its final name.</summary>
    public void Complete()
    {
        json.Flush();
        stream.Flush();
        completed = true;
    }

    public void Dispose()
    {
        json.Dispose();
        stream.Dispose();
        if (tempPath is null || finalPath is null)
        {
            return;
        }

        if (completed)
        {
            File.Move(tempPath, finalPath, overwrite: true);
        }
        else
        {
            File.Delete(tempPath);
        }
    }
}
