using Lamdas.Engine.Planning;

namespace Lamdas.Engine.Tests;

public sealed class PlanManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lamdas-plan-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadsTheCascadeAndTheSpecOfAJobManifest()
    {
        var path = Write("""
            {
              "format_version": 1,
              "status": "succeeded",
              "spec": { "name": "nightly", "max_tokens": 256, "window_tokens": 64, "prefix": { "length": 20 }, "dtype": "auto" },
              "cascade": { "method": "dsir", "pass_rate": 0.23, "cut": 1.7, "recall": 0.995, "recall_lower": 0.991, "target_recall": 0.99,
                           "confidence": 0.95, "pilot_documents": 4000, "pilot_kept": 420,
                           "candidate_tokens_per_document": 612.4, "scored_tokens_per_document": 231.0 },
              "totals": { "documents": 10, "tokens": 2310 }
            }
            """);
        var m = PlanManifest.Read(path);
        Assert.Equal("dsir", m.Method);
        Assert.Equal(0.23, m.PassRate);
        Assert.Equal(4000, m.PilotDocuments);
        Assert.Equal(420, m.PilotKept);
        Assert.Equal(0.991, m.RecallLower);
        Assert.Equal(256, m.MaxTokens);
        Assert.Equal(64, m.WindowTokens);
        Assert.Equal(20, m.PrefixLength);
        Assert.Equal(231.0, m.ScoredTokensPerDocument);

        // 231.0 scored of 612.4 candidate tokens per document.
        Assert.Equal(0.377204, m.ScoredFraction!.Value, 6);
    }

    [Fact]
    public void EveryFieldIsOptionalAndAnOldSpecWithoutAWindowScoredTheWholeContext()
    {
        var empty = PlanManifest.Read(Write("{}"));
        Assert.Null(empty.PassRate);
        Assert.Null(empty.ScoredFraction);
        Assert.Null(empty.MaxTokens);
        Assert.Null(empty.WindowTokens);

        var old = PlanManifest.Read(Write("""{ "spec": { "max_tokens": 512 }, "cascade": { "scored_tokens_per_document": 200 } }"""));
        Assert.Equal(512, old.MaxTokens);
        Assert.Equal(0, old.WindowTokens);
        Assert.Null(old.ScoredFraction);
        Assert.Equal(200, old.ScoredTokensPerDocument);
    }

    [Fact]
    public void AMissingFileOrAWrongTypeIsReported()
    {
        Assert.Throws<FileNotFoundException>(() => PlanManifest.Read(Path.Combine(_directory, "absent.json")));
        var e = Assert.Throws<InvalidDataException>(() => PlanManifest.Read(Write("""{ "cascade": { "pass_rate": "high" } }""")));
        Assert.Contains("cascade.pass_rate is not a number", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PlanManifest.Read(Write("[1, 2]")));
        Assert.Throws<InvalidDataException>(() => PlanManifest.Read(Write("not json")));
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
