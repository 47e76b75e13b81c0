using System.Text;
using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary>Reads and writes JSON Lines files for the tests.</summary>
internal static class Jsonl
{
    /// <summary>Every non-empty line of <paramref name="path"/>, parsed (fails the test on a line that is not JSON).</summary>
    public static List<JsonElement> Read(string path)
    {
        Assert.True(File.Exists(path), $"expected output file {path}");
        var rows = new List<JsonElement>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                rows.Add(document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                Assert.Fail($"{path} line {number} is not JSON ({e.Message}): {line}");
            }
        }

        return rows;
    }

    /// <summary>Writes {"id": …, "text": …} lines; each id is given as raw JSON (a quoted string or a number).</summary>
    public static void WriteDocuments(string path, IEnumerable<(string IdJson, string Text)> documents)
    {
        var lines = documents.Select(d => $"{{\"id\": {d.IdJson}, \"text\": {JsonSerializer.Serialize(d.Text)}}}");
        File.WriteAllLines(path, lines, new UTF8Encoding(false));
    }

    /// <summary>A string as a JSON string literal (for string ids).</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value);
}
