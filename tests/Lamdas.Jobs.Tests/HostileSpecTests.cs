using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>Specifications written to crash, hang or exhaust the parser: each must come back as a JobSpecException, quickly.</summary>
public sealed class HostileSpecTests
{
    private const string Valid = "name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n";

    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("json-brackets")]
    [InlineData("unclosed-brackets")]
    [InlineData("json-objects")]
    [InlineData("flow-mappings")]
    [InlineData("block-sequences")]
    [InlineData("complex-keys")]
    [InlineData("block-indentation")]
    public void DeepNestingIsRefusedQuicklyWithoutRecursion(string shape)
    {
        var text = shape switch
        {
            // ~200 KB of JSON brackets, depth 100,000.
            "json-brackets" => "{\"name\":\"x\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}",
            // 1,000,000 characters of unclosed brackets.
            "unclosed-brackets" => new string('[', 1_000_000),
            "json-objects" => "{\"name\":\"x\",\"x\":" + Repeat("{\"a\":", 100_000) + "1" + new string('}', 100_000) + "}",
            "flow-mappings" => "name: x\nx: " + Repeat("{a: ", 100_000) + "1" + new string('}', 100_000) + "\n",
            // YAML block sequences nested on one line: each "- " opens a deeper list.
            "block-sequences" => "name: x\nx:\n" + Repeat("- ", 100_000) + "1\n",
            "complex-keys" => Repeat("? ", 100_000) + "1\n",
            // One more space of indentation per level: 1,000 levels in about 500 KB.
            "block-indentation" => BlockIndentation(1_000),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        clock.Stop();

        Assert.Contains(error.Problems, p => p.Contains("is nested deeper than 32 levels", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < Quick, $"{shape}: {clock.Elapsed}");
    }

    [Fact]
    public void DeepNestingInAGivenJsonObjectIsRefused()
    {
        JsonNode inner = JsonValue.Create(1);
        for (var i = 0; i < 40; i++)
        {
            inner = new JsonObject { ["a"] = inner };
        }

        var spec = new JsonObject { ["name"] = "j", ["x"] = inner };
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.FromJson(spec));
        Assert.Contains(error.Problems, p => p.EndsWith("is nested deeper than 32 levels", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAliasBombIsRefusedWithoutExpandingIt()
    {
        // Nine anchors, each a list of nine aliases of the one before: 9^9 (387 million) strings if expanded.
        var bomb = new StringBuilder("name: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            bomb.Append(c).Append(": &").Append(c).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        var text = bomb.ToString();
        Assert.True(text.Length < 600, $"{text.Length} bytes");
        Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text)); // warm up

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), clock.Elapsed.ToString());
        Assert.True(allocated < 50L << 20, $"{allocated} bytes allocated");
        Assert.Contains("b[0] is an alias (*a) on line 3: anchors and aliases are not allowed in a job specification", error.Problems);
        Assert.Contains("a has an anchor (&a) on line 2: anchors and aliases are not allowed in a job specification", error.Problems);
    }

    [Fact]
    public void AnAliasOfAValidValueIsRefusedToo()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(
            "name: j\ninput: &in in.jsonl\noutput: *in\nmodel: m\nprefix: { path: p }\n"));
        Assert.Equal(
            [
                "input has an anchor (&in) on line 2: anchors and aliases are not allowed in a job specification",
                "output is an alias (*in) on line 3: anchors and aliases are not allowed in a job specification",
            ],
            error.Problems);
    }

    [Fact]
    public void TagsAreRefused()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Valid + "seed: !!str 5\n"));
        Assert.Contains("seed has a tag (tag:yaml.org,2002:str) on line 6: tags are not allowed in a job specification", error.Problems);
    }

    [Fact]
    public void TooManyNodesAreRefused()
    {
        var text = "name: j\nx: [" + string.Join(",", Enumerable.Repeat("1", 20_000)) + "]\n";
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Equal(["the job specification has more than 10000 nodes (keys, values, mappings and lists)"], error.Problems);
    }

    [Fact]
    public void TooManyNodesInAGivenJsonObjectAreRefused()
    {
        var spec = new JsonObject { ["name"] = "j", ["x"] = new JsonArray(Enumerable.Range(0, 20_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) };
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.FromJson(spec));
        Assert.Equal(["the job specification has more than 10000 nodes (keys, values, mappings and lists)"], error.Problems);
    }

    [Fact]
    public void AnOversizedTextIsRefusedBeforeParsing()
    {
        var text = Valid + "# " + new string('x', 1 << 20) + "\n";
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Equal([$"the job specification is {text.Length} bytes; at most 1048576 bytes are allowed"], error.Problems);
    }

    [Fact]
    public void TheSizeLimitCountsUtf8Bytes()
    {
        // 600,000 characters, each two bytes in UTF-8: 1.2 MB.
        var text = Valid + "# " + new string('é', 600_000) + "\n";
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Equal([$"the job specification is {Valid.Length + 3 + 1_200_000} bytes; at most 1048576 bytes are allowed"], error.Problems);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    [InlineData(".NAN")]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData("+.INF")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    [InlineData("-1e999")]
    public void NonFiniteNumbersAreProblemsNamingTheField(string value)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(
            $"name: j\ninput: in.jsonl\noutput: out\nmethod: dsir\nreference: r.jsonl\nselection: {{ mode: threshold, threshold: {value} }}\n"));
        Assert.Equal([$"selection.threshold must be a finite number (found {value})"], error.Problems);
    }

    [Theory]
    [InlineData("max_bad_fraction: .nan", "max_bad_fraction must be a finite number (found .nan)")]
    [InlineData("shard_size_mb: .inf", "shard_size_mb must be a finite number (found .inf)")]
    [InlineData("max_tokens: .inf", "max_tokens must be a finite number (found .inf)")]
    [InlineData("seed: NaN", "seed must be a finite number (found NaN)")]
    [InlineData("selection: { tau: Infinity }", "selection.tau must be a finite number (found Infinity)")]
    [InlineData("threads: 1e999", "threads must be a finite number (found 1e999)")]
    [InlineData("prefix: { path: p, lr: -.Inf }", "prefix.lr must be a finite number (found -.Inf)")]
    public void EveryNumericFieldRefusesNonFiniteValues(string extra, string expected)
    {
        var text = extra.StartsWith("prefix:", StringComparison.Ordinal) ? Valid.Replace("prefix: { path: p }\n", "", StringComparison.Ordinal) : Valid;
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text + extra + "\n"));
        Assert.Equal([expected], error.Problems);
    }

    [Fact]
    public void NonFiniteNumbersInJsonAreProblemsToo()
    {
        const string json = """{"name": "j", "input": "in.jsonl", "output": "out", "method": "random", "selection": {"mode": "threshold", "threshold": 1e999}}""";
        var parsed = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(json));
        Assert.Equal(["selection.threshold must be a finite number (found 1e999)"], parsed.Problems);

        var fromJson = Assert.Throws<JobSpecException>(() => JobSpecParser.FromJson(JsonNode.Parse(json)!.AsObject()));
        Assert.Equal(["selection.threshold must be a finite number (found 1e999)"], fromJson.Problems);

        var built = JsonNode.Parse(json)!.AsObject();
        built["selection"]!["threshold"] = JsonValue.Create(double.NaN);
        var nan = Assert.Throws<JobSpecException>(() => JobSpecParser.FromJson(built));
        Assert.Equal(["selection.threshold must be a finite number (found NaN)"], nan.Problems);
    }

    [Theory]
    [InlineData("seed: \"not-a-number\"", "seed must be an integer (found \"not-a-number\")")]
    [InlineData("seed: not-a-number", "seed must be an integer (found \"not-a-number\")")]
    [InlineData("seed: 1.5", "seed must be an integer (found 1.5)")]
    [InlineData("seed: true", "seed must be an integer (found true)")]
    [InlineData("seed: [1]", "seed must be an integer (found a list)")]
    [InlineData("seed: 9223372036854775808", "seed must be an integer between -9223372036854775808 and 9223372036854775807 (found 9.223372036854776E+18)")]
    public void SeedMustBeAnIntegerInTheLongRange(string extra, string expected)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Valid + extra + "\n"));
        Assert.Equal([expected], error.Problems);
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("12345678901234567", 12345678901234567L)]
    [InlineData("1e3", 1000L)]
    public void SeedTakesAnyLongExactly(string value, long expected)
    {
        var spec = JobSpecParser.Parse(Valid + "seed: " + value + "\n");
        Assert.Equal(expected, spec.Seed);
        Assert.Equal(expected, JobSpecParser.FromCanonicalJson(JobSpecParser.ToJson(spec)).Seed);
        var json = $$"""{"name": "j", "input": "in.jsonl", "output": "out", "model": "m", "prefix": {"path": "p"}, "seed": {{value}}}""";
        Assert.Equal(expected, JobSpecParser.FromJson(JsonNode.Parse(json)!.AsObject()).Seed);
    }

    [Theory]
    [InlineData("name: a\nname: b\n", "name is given more than once (again on line 2)")]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}", "name is given more than once (again on line 1)")]
    [InlineData("name: j\nprefix: { path: p, path: q }\n", "prefix.path is given more than once (again on line 2)")]
    public void DuplicateKeysAreProblems(string text, string expected)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Contains(expected, error.Problems);
    }

    [Theory]
    [InlineData("[a]: 1\n", "the job specification has a key that is a list on line 1: keys must be strings")]
    [InlineData("name: j\nprefix: { {a: 1}: 2 }\n", "prefix has a key that is a mapping on line 2: keys must be strings")]
    public void KeysMustBeStrings(string text, string expected)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Contains(expected, error.Problems);
    }

    [Fact]
    public void ASecondDocumentIsRefused()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Valid + "---\nname: other\n"));
        Assert.Equal(["the job specification must be a single YAML document (another one starts on line 6)"], error.Problems);
    }

    [Fact]
    public void OversizedStringsAreRefusedAndNotEchoed()
    {
        var longInput = new string('a', 5000) + ".jsonl";
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Valid.Replace("in.jsonl", longInput, StringComparison.Ordinal)));
        Assert.Equal(["input must be at most 4096 characters (found 5006)"], error.Problems);

        var longKey = new string('k', 5000);
        var spec = JsonNode.Parse("""{"name": "j", "input": "in.jsonl", "output": "out", "model": "m", "prefix": {"path": "p"}}""")!.AsObject();
        spec[longKey] = 1;
        var keyError = Assert.Throws<JobSpecException>(() => JobSpecParser.FromJson(spec));
        var problem = Assert.Single(keyError.Problems);
        Assert.EndsWith("is a key of 5000 characters; keys must be at most 4096 characters", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < 200, problem);
    }

    [Fact]
    public void KeysAreBoundedByTheStringLimitInYamlToo()
    {
        var limits = new SpecLimits { MaxStringLength = 200 };
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Valid + new string('k', 300) + ": 1\n", limits));
        var problem = Assert.Single(error.Problems);
        Assert.EndsWith("is a key of 300 characters; keys must be at most 200 characters", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFieldsAreNamedInShort()
    {
        var key = new string('z', 1000);
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(Valid + "\"" + key + "\": 1\n"));
        var problem = Assert.Single(error.Problems);
        Assert.EndsWith("is not a known field", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < 120, problem);
    }

    [Fact]
    public void ManyProblemsAreListedUpToAHundred()
    {
        var text = Valid + string.Concat(Enumerable.Range(0, 250).Select(i => $"unknown{i}: 1\n"));
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Equal(101, error.Problems.Count);
        Assert.Equal("unknown0 is not a known field", error.Problems[0]);
        Assert.Equal("… and 150 more problems", error.Problems[^1]);
    }

    [Theory]
    [InlineData("output", "\"out\\0\"", "output must not contain control characters (found U+0000 at character 4)")]
    [InlineData("model", "\"m\\tx\"", "model must not contain control characters (found U+0009 at character 2)")]
    [InlineData("record", "{ id: \"i\\u001bd\", text: text }", "record.id must not contain control characters (found U+001B at character 2)")]
    [InlineData("input", "\"\"", "input must not be empty")]
    public void StringFieldsRefuseControlCharactersEmptinessAndBrokenText(string field, string value, string expected)
    {
        var fields = new Dictionary<string, string> { ["name"] = "j", ["input"] = "in.jsonl", ["output"] = "out", ["model"] = "m", ["prefix"] = "{ path: p }" };
        fields[field] = value;
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(string.Concat(fields.Select(kv => $"{kv.Key}: {kv.Value}\n"))));
        Assert.Equal([expected], error.Problems);
    }

    [Fact]
    public void AnUnpairedSurrogateInJsonIsAProblem()
    {
        var spec = JsonNode.Parse("""{"name": "j", "input": "in.jsonl", "output": "o\ud800", "model": "m", "prefix": {"path": "p"}}""")!.AsObject();
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.FromJson(spec));
        Assert.Equal(["output must be valid Unicode text (it holds an unpaired surrogate)"], error.Problems);

        // YAML has no way to write one: the reader refuses the escape.
        var yaml = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: \"o\\uD800\"\nmodel: m\nprefix: { path: p }\n"));
        Assert.StartsWith("the job specification is not valid YAML/JSON", Assert.Single(yaml.Problems), StringComparison.Ordinal);
    }

    private static string Repeat(string piece, int count) => new StringBuilder(piece.Length * count).Insert(0, piece, count).ToString();

    /// <summary>Block mappings, one more space of indentation per level.</summary>
    private static string BlockIndentation(int depth)
    {
        var text = new StringBuilder("name: x\n");
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', i).Append("a:\n");
        }

        return text.Append(' ', depth).Append("1\n").ToString();
    }
}
