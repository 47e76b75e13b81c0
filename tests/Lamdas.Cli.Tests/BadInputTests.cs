using System.Text;
using System.Text.RegularExpressions;

namespace Lamdas.Cli.Tests;

/// <summary>Bad records are reported on stderr by line and skipped; the run goes on and exits 0.</summary>
[Integration]
public sealed class BadInputTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    /// <summary>Line numbers (1-based) of the bad records in <see cref="WriteMixedInput"/>.</summary>
    private static readonly int[] BadLines = [2, 3, 4, 5, 6, 7];

    [Theory]
    [InlineData("tokenize")]
    [InlineData("logprob")]
    [InlineData("score")]
    public void BadRecordsAreReportedByLineAndSkipped(string command)
    {
        using var temp = new TempDirectory();
        var input = WriteMixedInput(temp.FilePath("mixed.jsonl"));
        var output = temp.FilePath("out.jsonl");
        string[] arguments = command switch
        {
            "tokenize" => ["tokenize", "--model", tiny.Model, "--input", input, "--output", output],
            "logprob" => ["logprob", "--model", tiny.Model, "--input", input, "--output", output, "--threads", "1"],
            _ => ["score", "--model", tiny.Model, "--prefix", tiny.HandPrefix, "--input", input, "--output", output, "--threads", "1"],
        };

        var result = CliRunner.Run(arguments).AssertSuccess();

        var rows = Jsonl.Read(output);
        Assert.Equal(["first", "last"], rows.Select(r => Field.String(r, "id")));
        foreach (var row in rows)
        {
            switch (command)
            {
                case "tokenize":
                    Assert.NotEmpty(Field.IntArray(row, "ids"));
                    break;
                case "logprob":
                    Assert.True(Field.Number(row, "logprob") < 0);
                    break;
                default:
                    Field.Number(row, "score");
                    Field.Boolean(row, "selected");
                    break;
            }
        }

        foreach (var line in BadLines)
        {
            Assert.True(Regex.IsMatch(result.Stderr, $@"\bline {line}\b"), $"stderr does not report bad line {line}\n{result.Describe()}");
        }

        // Records whose id could be read are also named by it.
        foreach (var id in new[] { "no-text", "empty", "number-text" })
        {
            Assert.True(result.Stderr.Contains(id, StringComparison.Ordinal), $"stderr does not name bad record {id}\n{result.Describe()}");
        }

        foreach (var line in new[] { 1, 9 })
        {
            Assert.False(Regex.IsMatch(result.Stderr, $@"\bline {line}\b"), $"stderr reports valid line {line} as bad\n{result.Describe()}");
        }
    }

    /// <summary>
    /// 1 valid, 2 invalid JSON, 3 no text, 4 empty text, 5 text not a string, 6 no id, 7 invalid UTF-8 bytes,
    /// 8 blank, 9 valid.
    /// </summary>
    private static string WriteMixedInput(string path)
    {
        using var stream = File.Create(path);
        void Line(string text) => stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
        Line("""{"id": "first", "text": "def f(x):\n    return x + 1\n"}""");
        Line("""{"id": "broken", "text": "no closing brace" """);
        Line("""{"id": "no-text"}""");
        Line("""{"id": "empty", "text": ""}""");
        Line("""{"id": "number-text", "text": 42}""");
        Line("""{"text": "a document without an id"}""");
        stream.Write(Encoding.UTF8.GetBytes("""{"id": "bad-utf8", "text": "abc"""));
        stream.Write([0xFF, 0xFE, 0xC3]);
        Line(""" def"}""");
        Line("   ");
        Line("""{"id": "last", "text": "print('hello, world')\n"}""");
        return path;
    }
}
