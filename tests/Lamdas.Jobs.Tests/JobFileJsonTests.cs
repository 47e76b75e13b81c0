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
