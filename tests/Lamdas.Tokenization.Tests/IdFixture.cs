using System.Text;
using System.Text.Json;

namespace Lamdas.Tokenization.Tests;

/// <summary>Reads JSONL id fixtures and compares them with our encoder.</summary>
internal static class IdFixture
{
    public static List<IdFixtureCase> Read(string path)
    {
        var cases = new List<IdFixtureCase>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            cases.Add(new IdFixtureCase(
                lineNumber,
                root.GetProperty("tokenizer").GetString()!,
                root.GetProperty("text").GetString()!,
                root.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray()));
        }

        return cases;
    }

    /// <summary>Encodes every case and fails with the text and both id lists of each mismatch.</summary>
    public static void AssertAllMatch(string path, IEnumerable<IdFixtureCase> cases)
    {
        int total = 0;
        var failures = new List<string>();
        foreach (IdFixtureCase fixtureCase in cases)
        {
            total++;
            int[] actual = SharedTokenizers.ByName(fixtureCase.Tokenizer).Encode(fixtureCase.Text).ToArray();
            if (!actual.SequenceEqual(fixtureCase.Ids))
            {
                failures.Add(
                    $"line {fixtureCase.Line} [{fixtureCase.Tokenizer}] text {JsonSerializer.Serialize(fixtureCase.Text)}\n" +
                    $"  expected (HF): [{string.Join(", ", fixtureCase.Ids)}]\n" +
                    $"  actual:        [{string.Join(", ", actual)}]");
            }
        }

        Assert.True(total > 0, $"{path} holds no cases.");
        if (failures.Count > 0)
        {
            var message = new StringBuilder($"{failures.Count} of {total} cases in {path} differ from Hugging Face:\n");
            foreach (string failure in failures.Take(50))
            {
                message.AppendLine(failure);
            }

            Assert.Fail(message.ToString());
        }
    }
}
