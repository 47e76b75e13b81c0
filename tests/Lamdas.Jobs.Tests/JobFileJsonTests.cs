using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>The job-file JSON that <c>lamdas submit</c> sends parses back into the spec it was written from.</summary>
public sealed class JobFileJsonTests
{
    [Theory]
    [InlineData("""
        name: python-from-mixed
        model: /models/lamdas-tiny
        prefix: { reference: /data/reference.jsonl, length: 30, epochs: 3, lr: 0.1 }
        input: az://corpus/candidates/*.jsonl.gz
        record: { id: id, text: text }
        method: lamdas
        selection: { mode: threshold, tau: 1.5 }
        output: az://corpus/out/
        output_format: jsonl.zst
        max_tokens: 512
        shard_size_mb: 1.5
        seed: 7
        """)]
    [InlineData("""
        name: sft
        input: /data/sft.parquet
        record: { id: uid, prompt: q, response: a, score: response }
        method: dsir
        reference: /data/reference.jsonl
        selection: { mode: top-fraction, fraction: 0.25 }
        output: /data/out/
        """)]
    public void WritesWhatTheParserReadsBack(string yaml)
    {
        var spec = JobSpecParser.Parse(yaml);

        var json = JobFileJson.Write(spec);

        Assert.Equal(JobSpecParser.ToJson(spec), JobSpecParser.ToJson(JobSpecParser.Parse(json)));
    }

    [Theory]
    [InlineData(-100)]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    public void PriorityRoundTripsWithoutChangingTheCanonicalForm(int priority)
    {
        const string yaml = """
            name: a
            input: /data/in.jsonl
            record: { id: id, text: text }
            method: random
            selection: { mode: top-fraction, fraction: 0.5 }
            output: /data/out/
            """;
        var plain = JobSpecParser.Parse(yaml);
        var spec = JobSpecParser.Parse(yaml + $"\npriority: {priority}\n");

        var back = JobSpecParser.Parse(JobFileJson.Write(spec));

        Assert.Equal(priority, spec.Priority);
        Assert.Equal(priority, back.Priority);
        Assert.Equal(spec, back);
        // Scheduling only: the work, and so the canonical JSON and the fingerprint, are those of the spec without it.
        Assert.Equal(JobSpecParser.ToJson(plain), JobSpecParser.ToJson(spec));
        Assert.Equal(SpecFingerprint.Of(plain), SpecFingerprint.Of(spec));
    }

    [Theory]
    [InlineData("priority: 1.5", "priority must be an integer (found 1.5)")]
    [InlineData("priority: high", "priority must be an integer (found \"high\")")]
    public void PriorityMustBeAnInteger(string line, string expected)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse($"name: a\ninput: /i.jsonl\nrecord: {{ id: id, text: text }}\nmethod: random\nselection: {{ mode: top-fraction, fraction: 0.5 }}\noutput: /o/\n{line}\n"));
        Assert.Equal([expected], error.Problems);
    }

    [Fact]
    public void TheCanonicalFormIsNotAJobFile()
    {
        var spec = JobSpecParser.Parse("""
            name: a
            input: /data/in.jsonl
            record: { id: id, text: text }
            method: random
            selection: { mode: top-fraction, fraction: 0.5 }
            output: /data/out/
            """);

        Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(JobSpecParser.ToJson(spec)));
    }
}
