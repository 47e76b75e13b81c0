using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

public sealed class DomainsSpecTests
{
    private const string Head = """
        name: k
        model: models/lamdas-tiny
        input: in.jsonl
        output: out
        """;

    private const string TwoDomains = Head + """

        domains:
          python: { reference: py.jsonl, length: 8 }
          go: { path: prefixes/go }
        """;

    [Fact]
    public void EachDomainIsTheSingleDomainJobASeparateSpecWouldBe()
    {
        var spec = JobSpecParser.Parse(TwoDomains);
        Assert.Null(spec.Prefix);
        Assert.Equal(["python", "go"], spec.Domains!.Select(d => d.Name));
        var python = JobSpecParser.Parse(Head.Replace("output: out", "output: out/python", StringComparison.Ordinal) + "\nprefix: { reference: py.jsonl, length: 8 }");
        Assert.Equal(JobSpecParser.ToJson(python), JobSpecParser.ToJson(spec.PerDomain()[0]));

        // The go domain has no reference set, so its cascade is off (the job's default cascade comes from python's).
        var go = spec.PerDomain()[1];
        Assert.Equal("out/go", go.Output);
        Assert.Equal("prefixes/go", go.Prefix!.Path);
        Assert.Null(go.Cascade);
        Assert.NotNull(spec.PerDomain()[0].Cascade);
    }

    [Fact]
    public void DomainsAndCacheSurviveTheJobFileForm()
    {
        var spec = JobSpecParser.Parse(TwoDomains + "\ncache: az://c/store");
        var back = JobSpecParser.Parse(JobFileJson.Write(spec));
        Assert.Equal(JobSpecParser.ToJson(spec), JobSpecParser.ToJson(back));
        Assert.Equal("az://c/store", back.Cache!.Path);
        Assert.False(JobSpecParser.Parse(JobFileJson.Write(JobSpecParser.Parse(TwoDomains + "\ncache: false"))).Cache!.Enabled);
    }

    [Theory]
    [InlineData("cache: false", false, null)]
    [InlineData("cache: off", false, null)]
    [InlineData("cache: /data/store", true, "/data/store")]
    [InlineData("cache: { path: az://c/s }", true, "az://c/s")]
    public void CacheNamesAStoreOrTurnsItOff(string line, bool enabled, string? path)
    {
        var cache = JobSpecParser.Parse(TwoDomains + "\n" + line).Cache!;
        Assert.Equal(enabled, cache.Enabled);
        Assert.Equal(path, cache.Path);
        Assert.Null(JobSpecParser.Parse(TwoDomains).Cache);
    }

    [Theory]
    [InlineData("\nprefix: { reference: r.jsonl }", "domains give prefix: (one domain) or domains: (several), not both")]
    [InlineData("\nreference: r.jsonl", "reference applies to a job of one domain")]
    [InlineData("\nmethod: dsir", "domains only applies to method lamdas")]
    [InlineData("\ncache: true", "cache true names no store")]
    [InlineData("\ncache: { path: s, ttl: 3 }", "cache.ttl is not a known field")]
    [InlineData("\ncache: [1]", "cache must be false (off), a store folder")]
    public void AMisusedFieldIsNamed(string extra, string expected)
    {
        var e = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(TwoDomains + extra));
        Assert.Contains(e.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("_hidden: { path: p }", "domains._hidden a domain name is its output folder")]
    [InlineData("\"a/b\": { path: p }", "domains.")]
    [InlineData("Python: { path: p }\n  python: { path: q }", "domains.python names the same output folder")]
    [InlineData("x: { reference: r, path: p }", "domains.x give exactly one of domains.x.reference (train) or domains.x.path")]
    [InlineData("x: { path: p, length: 0 }", "domains.x.length ")]
    public void ABadDomainIsNamed(string domain, string expected)
    {
        var e = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Head + "\ndomains:\n  " + domain));
        Assert.Contains(e.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TooManyDomainsAreRefused()
    {
        var domains = string.Join("\n", Enumerable.Range(0, 17).Select(i => $"  d{i}: {{ path: p{i} }}"));
        var e = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Head + "\ndomains:\n" + domains));
        Assert.Contains(e.Problems, p => p.StartsWith("domains may name at most 16 domains (found 17)", StringComparison.Ordinal));
    }

    [Fact]
    public void ACascadeAppliesToTheDomainsWithAReferenceSet()
    {
        var spec = JobSpecParser.Parse(TwoDomains + "\ncascade: { method: tfidf, recall: 0.95 }");
        Assert.Equal(SelectionMethod.TfIdf, spec.PerDomain()[0].Cascade!.Method);
        Assert.Equal(0.95, spec.PerDomain()[0].Cascade!.Recall);
        Assert.Null(spec.PerDomain()[1].Cascade);
    }
}
