using System.Text;

namespace Lamdas.Formats.Tests;

/// <summary>A JSONL file built line by line, remembering where each line starts.</summary>
public sealed class JsonlFile
{
    private readonly MemoryStream _bytes = new();
    private readonly List<long> _starts = [];
    private readonly List<byte[]> _lines = [];

    public IReadOnlyList<long> Starts => _starts;

    public IReadOnlyList<byte[]> Lines => _lines;

    public byte[] Bytes => _bytes.ToArray();

    /// <summary>Adds a line (without its '\n', which is appended unless <paramref name="newline"/> is false).</summary>
    public JsonlFile Add(byte[] line, bool newline = true)
    {
        _starts.Add(_bytes.Length);
        _lines.Add(line);
        _bytes.Write(line);
        if (newline)
        {
            _bytes.WriteByte((byte)'\n');
        }

        return this;
    }

    public JsonlFile Add(string line, bool newline = true) => Add(Encoding.UTF8.GetBytes(line), newline);
}
