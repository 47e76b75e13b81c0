using System.Text.Json.Nodes;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

public sealed class CascadeSpecTests
{
    private const string Lamdas = """
        name: c
        model: models/lamdas-tiny
        prefix: { reference: ref.jsonl }
        input: in.jsonl
        output: out/
        """;

    [Fact]
    public void ALamdasJobWithAReferenceGetsTheDefaultCascade()
    {
        var cascade = JobSpecParser.Parse(Lamdas).Cascade;

        Assert.NotNull(cascade);
        Assert.Equal(SelectionMethod.Dsir, cascade.Method);
        Assert.Equal(0.9, cascade.Recall);
        Assert.Equal(0.95, cascade.Confidence);
        Assert.Equal(10_000, cascade.PilotDocuments);
        Assert.Equal(40_000, cascade.MaxPilotDocuments);
    }

    [Theory]
    [InlineData("cascade: false")]
    [InlineData("cascade: off")]
    [InlineData("cascade: none")]
    public void CascadeCanBeTurnedOff(string line)
    {
        Assert.Null(JobSpecParser.Parse(Lamdas + "\n" + line).Cascade);
    }

    [Fact]
    public void AMethodNameOrAMappingChoosesTheSettings()
    {
        Assert.Equal(SelectionMethod.TfIdf, JobSpecParser.Parse(Lamdas + "\ncascade: tfidf").Cascade!.Method);
        var cascade = JobSpecParser.Parse(Lamdas + "\ncascade: { recall: 0.95, confidence: 0.9, pilot: 500, max_pilot: 2000 }").Cascade!;
        Assert.Equal((0.95, 0.9, 500, 2000), (cascade.Recall, cascade.Confidence, cascade.PilotDocuments, cascade.MaxPilotDocuments));
    }

    [Fact]
    public void ASpecStoredBeforeTheFieldExistedHasNoCascade()
    {
        var stored = JsonNode.Parse(JobSpecParser.ToJson(JobSpecParser.Parse(Lamdas)))!.AsObject();
        Assert.True(stored.Remove("cascade"));

        Assert.Null(JobSpecParser.FromCanonicalJson(stored.ToJsonString()).Cascade);
    }

    [Theory]
    [InlineData("cascade: { recall: 1 }", "cascade.recall")]
    [InlineData("cascade: { recall: 0 }", "cascade.recall")]
    [InlineData("cascade: { confidence: 0.4 }", "cascade.confidence")]
    [InlineData("cascade: { pilot: 0 }", "cascade.pilot")]
    [InlineData("cascade: { pilot: 500, max_pilot: 100 }", "cascade.max_pilot")]
    [InlineData("cascade: { method: lamdas }", "cascade.method")]
    [InlineData("cascade: { cut: 3 }", "cascade.cut")]
    [InlineData("cascade: [1]", "cascade")]
    public void BadSettingsAreRefusedWithTheirPath(string line, string path)
    {
        var e = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Lamdas + "\n" + line));

        Assert.Contains(e.Problems, p => p.StartsWith(path + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyLamdasJobsTakeACascade()
    {
        var yaml = "name: d\nmethod: dsir\nreference: ref.jsonl\ninput: in.jsonl\noutput: out/\nselection: { mode: top-fraction, fraction: 0.1 }\ncascade: dsir";

        var e = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(yaml));

        Assert.Contains(e.Problems, p => p.StartsWith("cascade ", StringComparison.Ordinal) && p.Contains("only applies to method lamdas", StringComparison.Ordinal));
        Assert.Null(JobSpecParser.Parse(yaml.Replace("\ncascade: dsir", "", StringComparison.Ordinal)).Cascade);
    }

    [Fact]
    public void AnExistingPrefixWithoutAReferenceHasNoDefaultCascadeAndAnExplicitOneNeedsAReference()
    {
        var withPath = Lamdas.Replace("prefix: { reference: ref.jsonl }", "prefix: { path: prefix/ }", StringComparison.Ordinal);
        Assert.Null(JobSpecParser.Parse(withPath).Cascade);

        var e = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(withPath + "\ncascade: dsir"));
        Assert.Contains(e.Problems, p => p.StartsWith("cascade ", StringComparison.Ordinal) && p.Contains("reference", StringComparison.Ordinal));
        Assert.NotNull(JobSpecParser.Parse(withPath + "\nreference: ref.jsonl\ncascade: dsir").Cascade);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cascade: false")]
    [InlineData("cascade: { method: tfidf, recall: 0.9, pilot: 10, max_pilot: 20 }")]
    public void JobFileJsonKeepsTheCascade(string line)
    {
        var spec = JobSpecParser.Parse(Lamdas + "\n" + line);

        Assert.Equal(spec.Cascade, JobSpecParser.Parse(JobFileJson.Write(spec)).Cascade);
    }
}
