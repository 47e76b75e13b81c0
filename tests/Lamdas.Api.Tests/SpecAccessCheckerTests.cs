using Lamdas.Api.Access;
using Lamdas.Api.Teams;
using Lamdas.Jobs.Spec;

namespace Lamdas.Api.Tests;

public sealed class SpecAccessCheckerTests
{
    private static readonly Team Research = Team.FromOptions(Teams.Research);

    private static JobSpec Spec(
        string input = "az://corpora/research/web/*.jsonl.gz",
        string output = "az://selections/research/run-1/",
        string model = "/models/lamdas-tiny",
        string prefixField = "reference",
        string prefixValue = "/data/corpora/python/reference.jsonl") =>
        JobSpecParser.Parse($$"""
            {
              "name": "python-from-web",
              "model": "{{model}}",
              "prefix": { "{{prefixField}}": "{{prefixValue}}" },
              "input": "{{input}}",
              "output": "{{output}}"
            }
            """);

    [Fact]
    public void SpecWithinThePrefixesPasses()
    {
        Assert.Empty(SpecAccessChecker.Check(Spec(), Research));
        Assert.Empty(SpecAccessChecker.Check(Spec(input: "file:///data/corpora/web/part-0.jsonl", output: "file:///data/out/research/x"), Research));
        Assert.Empty(SpecAccessChecker.Check(Spec(input: "https://acct.blob.core.windows.net/shared/web.jsonl", prefixField: "path", prefixValue: "az://corpora/research/prefixes/p1"), Research));
    }

    [Fact]
    public void InputOutsideTheTeamsPrefixesIsNamed()
    {
        var violations = SpecAccessChecker.Check(Spec(input: "az://corpora/ads/web/*.jsonl"), Research);
        var violation = Assert.Single(violations);
        Assert.Equal("input", violation.Field);
        Assert.Equal("az://corpora/ads/web/*.jsonl", violation.Value);
        Assert.Equal(Teams.Research.InputPrefixes, violation.AllowedPrefixes);
        Assert.Contains("outside the team's input prefixes", violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DotDotEscapesAreCaught()
    {
        Assert.Equal("input", Assert.Single(SpecAccessChecker.Check(Spec(input: "/data/corpora/../private/x.jsonl"), Research)).Field);
        Assert.Equal("output", Assert.Single(SpecAccessChecker.Check(Spec(output: "az://selections/research/../ads/x"), Research)).Field);
        Assert.Equal("model", Assert.Single(SpecAccessChecker.Check(Spec(model: "file:///models/../etc"), Research)).Field);
    }

    [Fact]
    public void OutputMustBeUnderAnOutputPrefixNotAnInputPrefix()
    {
        var violation = Assert.Single(SpecAccessChecker.Check(Spec(output: "az://corpora/research/out"), Research));
        Assert.Equal("output", violation.Field);
        Assert.Equal(Teams.Research.OutputPrefixes, violation.AllowedPrefixes);
    }

    [Fact]
    public void EveryReadFieldIsChecked()
    {
        var violations = SpecAccessChecker.Check(
            Spec(input: "/elsewhere/x.jsonl", model: "/elsewhere/model", prefixValue: "az://corpora/ads/ref.jsonl", output: "/data/out/ads"),
            Research);
        Assert.Equal(["input", "model", "prefix.reference", "output"], violations.Select(v => v.Field));

        var path = Assert.Single(SpecAccessChecker.Check(Spec(prefixField: "path", prefixValue: "/elsewhere/prefix"), Research));
        Assert.Equal("prefix.path", path.Field);
    }

    [Fact]
    public void EveryDomainsPrefixAndTheScoreStoreAreChecked()
    {
        var spec = Spec() with
        {
            Prefix = null,
            Domains =
            [
                new DomainSpec { Name = "python", Prefix = new PrefixSpec { Reference = "/data/corpora/python/reference.jsonl" } },
                new DomainSpec { Name = "go", Prefix = new PrefixSpec { Path = "az://corpora/ads/prefixes/go" } },
            ],
            Cache = new CacheSpec { Path = "az://corpora/research/store" },
        };
        var violations = SpecAccessChecker.Check(spec, Research);

        // The go prefix lies outside the team's inputs; the store is read and written, so an input prefix is not enough.
        Assert.Equal(["domains.go.path", "cache.path"], violations.Select(v => v.Field));
        Assert.Empty(SpecAccessChecker.Check(spec with { Domains = [spec.Domains[0]], Cache = new CacheSpec { Path = "az://selections/research/store" } }, Research));
    }

    [Fact]
    public void BaselineReferenceIsChecked()
    {
        var spec = JobSpecParser.Parse("""
            {
              "name": "dsir-run", "method": "dsir", "reference": "/elsewhere/ref.jsonl",
              "selection": { "mode": "top-fraction", "fraction": 0.1 },
              "input": "/data/corpora/x.jsonl", "output": "/data/out/research/dsir"
            }
            """);
        Assert.Equal("reference", Assert.Single(SpecAccessChecker.Check(spec, Research)).Field);
    }

    [Fact]
    public void RelativePathsAreRefusedWithTheReason()
    {
        var violation = Assert.Single(SpecAccessChecker.Check(Spec(model: "models/lamdas-tiny"), Research));
        Assert.Equal("model", violation.Field);
        Assert.Contains("relative path", violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamWithoutOutputPrefixesCannotWrite()
    {
        var options = Teams.Research;
        options.OutputPrefixes = [];
        var violation = Assert.Single(SpecAccessChecker.Check(Spec(), Team.FromOptions(options)));
        Assert.Equal("output", violation.Field);
        Assert.Empty(violation.AllowedPrefixes);
        Assert.Contains("no output prefixes", violation.Reason, StringComparison.Ordinal);
    }
}
