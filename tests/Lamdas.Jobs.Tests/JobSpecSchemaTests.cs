using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Lamdas.Jobs.Spec;
using Lamdas.Jobs.Spec.Schema;
using YamlDotNet.RepresentationModel;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// The published job-spec schema (docs/job-spec.schema.json, generated from <see cref="JobSpecFields"/>) against the
/// parser: the file is the generated schema, every example job file and the Helm chart's nightly job satisfy both, and
/// specs the schema refuses (a wrong type, a value out of range, an unknown field) the parser refuses too, and the
/// other way round. The schema is checked by JsonSchema.Net's draft 2020-12 validator, not by code of this project.
/// </summary>
public sealed class JobSpecSchemaTests
{
    private const string Regenerate = "regenerate it with: ./lamdas spec schema > docs/job-spec.schema.json";

    private const string Valid = "name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n";

    private static readonly string SchemaFile = Path.Combine(RepoPaths.Root, "docs", "job-spec.schema.json");

    [Fact]
    public void TheDocsSchemaFileIsTheGeneratedSchema()
    {
        Assert.True(File.Exists(SchemaFile), $"docs/job-spec.schema.json is missing; {Regenerate}");
        var expected = JobSpecSchema.DocumentText();
        var actual = File.ReadAllText(SchemaFile).ReplaceLineEndings("\n");
        Assert.True(expected == actual, $"docs/job-spec.schema.json differs from the schema the parser's field table gives; {Regenerate}");
    }

    [Fact]
    public void TheSchemaIsADraft202012SchemaThatNamesEveryField()
    {
        var document = JobSpecSchema.Document();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)document["$schema"]);
        var properties = document["properties"]!.AsObject().Select(p => p.Key).ToList();
        // The top-level fields of docs/jobs.md, written out here rather than read from the table under test.
        Assert.Equal(
            [
                "name", "model", "prefix", "input", "record", "method", "selection", "output", "output_format", "max_tokens",
                "batch_tokens", "window_tokens", "shard_size_mb", "max_bad_fraction", "seed", "reference", "baseline_sample",
                "device", "threads", "dtype", "cascade", "cache", "domains", "priority",
            ],
            properties);
        Assert.Equal(["name", "input", "output"], document["required"]!.AsArray().Select(n => (string?)n));
        Assert.False((bool)document["additionalProperties"]!);
        var defs = document["$defs"]!.AsObject();
        Assert.Equal(["reference", "path", "length", "epochs", "lr", "contrast", "background"], defs["JobSpecPrefix"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "text", "prompt", "response", "score"], defs["JobSpecRecord"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["mode", "tau", "threshold", "fraction"], defs["JobSpecSelection"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["method", "recall", "confidence", "pilot", "max_pilot"], defs["JobSpecCascade"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["path"], defs["JobSpecCache"]!["properties"]!.AsObject().Select(p => p.Key));
        foreach (var property in document["properties"]!.AsObject())
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)property.Value!["description"]), $"{property.Key} has no description");
        }
    }

    [Fact]
    public void RangesAndDefaultsComeFromTheLimits()
    {
        var properties = JsonNode.Parse(JobSpecSchema.DocumentText(new SpecLimits { MaxTokens = 4096, MaxDomains = 3, MaxStringLength = 300 }))!["properties"]!;
        Assert.Equal(1, (int)properties["max_tokens"]!["minimum"]!);
        Assert.Equal(4096, (int)properties["max_tokens"]!["maximum"]!);
        Assert.Equal(256, (int)properties["max_tokens"]!["default"]!);
        Assert.Equal(4095, (int)properties["window_tokens"]!["maximum"]!);
        Assert.Equal(3, (int)properties["domains"]!["maxProperties"]!);
        Assert.Equal(300, (int)properties["input"]!["maxLength"]!);
        Assert.Equal(0, (double)properties["max_bad_fraction"]!["minimum"]!);
        Assert.Equal(1, (double)properties["max_bad_fraction"]!["maximum"]!);
        Assert.Equal(-100, (int)properties["priority"]!["minimum"]!);
        Assert.Equal(100, (int)properties["priority"]!["maximum"]!);
        Assert.Equal(["lamdas", "ppl", "dsir", "tfidf", "random"], properties["method"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["auto", "float32", "bfloat16", "float16"], properties["dtype"]!["enum"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void TheParserAppliesTheSchemasDefaults()
    {
        // A spec that leaves every optional field out, written back as a job file, holds the values the schema names as defaults.
        var written = JsonNode.Parse(JobFileJson.Write(JobSpecParser.Parse(Valid)))!.AsObject();
        var properties = JobSpecSchema.Document()["properties"]!.AsObject();
        var compared = new List<string>();
        foreach (var (name, schema) in properties)
        {
            if (schema!["default"] is { } expected && written[name] is { } actual)
            {
                Assert.True(JsonNode.DeepEquals(Number(expected), Number(actual)), $"{name}: the schema's default is {expected.ToJsonString()}, the parser's {actual.ToJsonString()}");
                compared.Add(name);
            }
        }

        Assert.Equal(["record", "method", "max_tokens", "batch_tokens", "shard_size_mb", "max_bad_fraction", "seed", "baseline_sample", "threads"], compared);
    }

    public static TheoryData<string> ExampleJobFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleJobFiles))]
    public void EveryExampleJobFileSatisfiesTheSchemaAndTheParser(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));
        AssertSchemaAccepts(text, file);
        JobSpecParser.Parse(text);
    }

    [Fact]
    public void ThereAreExampleJobFiles() => Assert.NotEmpty(ExampleJobFiles());

    [Fact]
    public void TheHelmNightlyJobSpecSatisfiesTheSchemaAndTheParser()
    {
        var values = new YamlStream();
        values.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "helm", "lamdas-cluster", "values.yaml"))));
        var root = (YamlMappingNode)values.Documents[0].RootNode;
        var nightly = (YamlMappingNode)root.Children[new YamlScalarNode("nightlyJob")];
        var spec = ((YamlScalarNode)nightly.Children[new YamlScalarNode("spec")]).Value!;
        Assert.Contains("name:", spec, StringComparison.Ordinal);
        AssertSchemaAccepts(spec, "helm values nightlyJob.spec");
        JobSpecParser.Parse(spec);
    }

    /// <summary>Specs both the schema and the parser refuse: wrong types, values out of range, words not allowed, unknown fields.</summary>
    [Theory]
    [InlineData("max_tokens: many")]
    [InlineData("max_tokens: 0")]
    [InlineData("max_tokens: 32769")]
    [InlineData("max_tokens: 2.5")]
    [InlineData("batch_tokens: -1")]
    [InlineData("window_tokens: -1")]
    [InlineData("shard_size_mb: 0")]
    [InlineData("shard_size_mb: 20000")]
    [InlineData("max_bad_fraction: 1.5")]
    [InlineData("seed: x")]
    [InlineData("threads: 1025")]
    [InlineData("baseline_sample: 0")]
    [InlineData("priority: 101")]
    [InlineData("method: bogus")]
    [InlineData("output_format: csv")]
    [InlineData("dtype: float8")]
    [InlineData("device: gpu")]
    [InlineData("device: cuda:01")]
    [InlineData("name2: x")]
    [InlineData("colour: blue")]
    [InlineData("record: { id: id, colour: c }")]
    [InlineData("record: { text: t, score: half }")]
    [InlineData("record: text")]
    [InlineData("selection: { mode: best }")]
    [InlineData("selection: { mode: top-fraction, fraction: 1.5 }")]
    [InlineData("selection: { mode: top-fraction, fraction: 0 }")]
    [InlineData("selection: { tau: 0 }")]
    [InlineData("selection: { tau: 1, cut: 2 }")]
    [InlineData("cascade: { method: bm25 }\nreference: r.jsonl")]
    [InlineData("cascade: { recall: 1 }\nreference: r.jsonl")]
    [InlineData("cascade: { confidence: 0.4 }\nreference: r.jsonl")]
    [InlineData("cascade: { pilot: 0 }\nreference: r.jsonl")]
    [InlineData("cascade: { size: 3 }\nreference: r.jsonl")]
    [InlineData("cascade: 3\nreference: r.jsonl")]
    [InlineData("cache: true")]
    [InlineData("cache: on")]
    [InlineData("cache: { path: s, ttl: 3 }")]
    [InlineData("cache: { }")]
    [InlineData("cache: 5")]
    [InlineData("name: has space")]
    [InlineData("input: \"\"")]
    [InlineData("input: [a, b]")]
    public void WhatTheSchemaRefusesTheParserRefuses(string line)
    {
        var text = Override(line);
        AssertSchemaRefuses(text, line);
        AssertParserRefuses(text, line);
    }

    [Theory]
    [InlineData("prefix: { path: p, length: 0 }")]
    [InlineData("prefix: { path: p, length: 513 }")]
    [InlineData("prefix: { path: p, epochs: 101 }")]
    [InlineData("prefix: { path: p, lr: 0 }")]
    [InlineData("prefix: { path: p, contrast: -1 }")]
    [InlineData("prefix: { path: p, background: 0 }")]
    [InlineData("prefix: { path: p, reference: r.jsonl }")]
    [InlineData("prefix: { length: 3 }")]
    [InlineData("prefix: { path: p, depth: 3 }")]
    [InlineData("prefix: p")]
    public void WhatTheSchemaRefusesInAPrefixTheParserRefuses(string line)
    {
        var text = Valid.Replace("prefix: { path: p }\n", line + "\n", StringComparison.Ordinal);
        AssertSchemaRefuses(text, line);
        AssertParserRefuses(text, line);
    }

    [Theory]
    [InlineData("domains: { }")]
    [InlineData("domains: { _hidden: { path: p } }")]
    [InlineData("domains: { .x: { path: p } }")]
    [InlineData("domains: { python: { path: p, colour: c } }")]
    [InlineData("domains: { a: { path: p }, b: { path: p }, c: { path: p }, d: { path: p } }")]
    public void WhatTheSchemaRefusesInDomainsTheParserRefuses(string line)
    {
        var limits = new SpecLimits { MaxDomains = 3 };
        var text = Valid.Replace("prefix: { path: p }\n", line + "\n", StringComparison.Ordinal);
        AssertSchemaRefuses(text, line, limits);
        AssertParserRefuses(text, line, limits);
    }

    /// <summary>Specs both accept, close to the edges of what is allowed.</summary>
    [Theory]
    [InlineData("max_tokens: 32768")]
    [InlineData("max_tokens: 3.0")]
    [InlineData("window_tokens: 0")]
    [InlineData("shard_size_mb: 0.01")]
    [InlineData("max_bad_fraction: 0")]
    [InlineData("max_bad_fraction: 1")]
    [InlineData("seed: -9223372036854775808")]
    [InlineData("seed: 9223372036854775807")]
    [InlineData("threads: 0")]
    [InlineData("priority: -100")]
    [InlineData("output_format: same")]
    [InlineData("output_format: jsonl.zst")]
    [InlineData("dtype: bfloat16")]
    [InlineData("device: cuda")]
    [InlineData("device: cuda:63")]
    [InlineData("record: { id: key, prompt: q, response: a, score: response }")]
    [InlineData("selection: { mode: top-fraction, fraction: 1 }")]
    [InlineData("selection: { mode: threshold, tau: 0.001 }")]
    [InlineData("cascade: false")]
    [InlineData("cascade: off")]
    [InlineData("cascade: tfidf\nreference: r.jsonl")]
    [InlineData("cascade: { method: tfidf, recall: 0.99, confidence: 0.5, pilot: 100, max_pilot: 200 }\nreference: r.jsonl")]
    [InlineData("cache: false")]
    [InlineData("cache: none")]
    [InlineData("cache: az://lamdas/score-store")]
    [InlineData("cache: { path: /data/store }")]
    [InlineData("name: a.b-c_D9")]
    public void WhatTheParserAcceptsTheSchemaAccepts(string line)
    {
        var text = Override(line);
        JobSpecParser.Parse(text);
        AssertSchemaAccepts(text, line);
    }

    [Theory]
    [InlineData("prefix: { reference: r.jsonl, length: 512, epochs: 100, lr: 10, contrast: 100, background: 100000 }")]
    [InlineData("domains: { python: { reference: r.jsonl }, go-1.x: { path: p, length: 1 } }")]
    public void WhatTheParserAcceptsInPrefixesTheSchemaAccepts(string line)
    {
        var text = Valid.Replace("prefix: { path: p }\n", line + "\n", StringComparison.Ordinal);
        JobSpecParser.Parse(text);
        AssertSchemaAccepts(text, line);
    }

    /// <summary>Replaces the base spec's line for the same key, or appends the line.</summary>
    private static string Override(string line)
    {
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var lines = Valid.TrimEnd('\n').Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal));
        return string.Join("\n", lines.Append(line)) + "\n";
    }

    /// <summary>A number as a double (256 and 256.0 compare equal), anything else as it is.</summary>
    private static JsonNode Number(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number ? JsonValue.Create(double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture)) : node;

    private static EvaluationResults Evaluate(string yaml, SpecLimits? limits)
    {
        // The parser's own reading of YAML (plain scalars typed as numbers, booleans, null) gives the JSON instance.
        var instance = YamlToJson.Convert(yaml, limits ?? new SpecLimits(), new Problems());
        var schema = JsonSchema.FromText(JobSpecSchema.DocumentText(limits));
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>The parser refuses the spec, and for the field the line sets (not for another reason).</summary>
    private static void AssertParserRefuses(string yaml, string line, SpecLimits? limits = null)
    {
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(yaml, limits));
        Assert.True(error.Problems.Any(p => p.StartsWith(key, StringComparison.Ordinal)), $"{line}: the parser refuses it for other reasons: {string.Join("; ", error.Problems)}");
    }

    private static void AssertSchemaAccepts(string yaml, string what, SpecLimits? limits = null)
    {
        var result = Evaluate(yaml, limits);
        Assert.True(result.IsValid, $"the schema refuses {what}: {Describe(result)}");
    }

    private static void AssertSchemaRefuses(string yaml, string what, SpecLimits? limits = null) =>
        Assert.False(Evaluate(yaml, limits).IsValid, $"the schema accepts {what}");

    private static string Describe(EvaluationResults result) => string.Join("; ", (result.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
