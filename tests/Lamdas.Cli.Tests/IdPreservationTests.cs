using System.Globalization;
using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary>Ids come back as given: numbers stay numbers, strings stay strings (no conversion either way).</summary>
[Integration]
public sealed class IdPreservationTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    private static readonly string[] Ids = ["7", "\"7\"", "-3", "2.5", "1e3", "12345678901234567890", "\"x y\"", "\"0042\"", "0"];

    [Theory]
    [InlineData("tokenize")]
    [InlineData("logprob")]
    [InlineData("score")]
    public void NumericIdsStayNumbersAndStringIdsStayStrings(string command)
    {
        using var temp = new TempDirectory();
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, Ids.Select((id, i) => (id, $"document number {i}: x = {i} * 2\n")));
        var output = temp.FilePath("out.jsonl");
        string[] arguments = command switch
        {
            "tokenize" => ["tokenize", "--model", tiny.Model, "--input", input, "--output", output],
            "logprob" => ["logprob", "--model", tiny.Model, "--input", input, "--output", output, "--threads", "1"],
            _ => ["score", "--model", tiny.Model, "--prefix", tiny.HandPrefix, "--input", input, "--output", output, "--threads", "1"],
        };

        CliRunner.Run(arguments).AssertSuccess();

        var rows = Jsonl.Read(output);
        Assert.Equal(Ids.Length, rows.Count);
        for (var i = 0; i < Ids.Length; i++)
        {
            using var given = JsonDocument.Parse(Ids[i]);
            var id = Field.Get(rows[i], "id");
            Assert.True(given.RootElement.ValueKind == id.ValueKind, $"id {Ids[i]} came back as {id.GetRawText()}");
            if (id.ValueKind == JsonValueKind.String)
            {
                Assert.Equal(given.RootElement.GetString(), id.GetString());
            }
            else
            {
                Assert.Equal(
                    decimal.Parse(Ids[i], NumberStyles.Float, CultureInfo.InvariantCulture),
                    decimal.Parse(id.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }
    }
}
