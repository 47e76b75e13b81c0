using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

public sealed class JobSpecParserTests
{
    private const string Quickstart = """
        name: python-from-mixed
        model: models/lamdas-tiny
        prefix:
          reference: file://examples/quickstart/reference.jsonl
          length: 30
        input:  file://examples/quickstart/candidates/*.jsonl.gz
        record: { id: id, text: text }
        method: lamdas
        selection: { mode: threshold, tau: 1.0 }
        output: file://out/python-from-mixed/
        max_tokens: 1024
        """;

    [Fact]
    public void ReadsTheDocumentedExample()
    {
        var spec = JobSpecParser.Parse(Quickstart);
        Assert.Equal("python-from-mixed", spec.Name);
        Assert.Equal(SelectionMethod.Lamdas, spec.Method);
        Assert.Equal(SelectionMode.Threshold, spec.Selection.Mode);
        Assert.Equal(1.0, spec.Selection.Tau);
        Assert.Equal(0.0, spec.Selection.CutOff(spec.Method));
        Assert.Equal("file://examples/quickstart/reference.jsonl", spec.Prefix!.Reference);
        Assert.Equal(30, spec.Prefix.Length);
        Assert.Equal("text", spec.Record.Text);
        Assert.Equal(1024, spec.MaxTokens);
        Assert.Equal(0.01, spec.MaxBadFraction);
    }

    [Fact]
    public void JsonIsAcceptedToo()
    {
        var spec = JobSpecParser.Parse("""
            {"name": "j", "model": "m", "prefix": {"path": "p"}, "input": "in/*.parquet", "output": "out",
             "method": "lamdas", "selection": {"mode": "top-fraction", "fraction": 0.15}}
            """);
        Assert.Equal(SelectionMode.TopFraction, spec.Selection.Mode);
        Assert.Equal(0.15, spec.Selection.Fraction);
        Assert.Equal("p", spec.Prefix!.Path);
    }

    [Fact]
    public void SftRecordsWithResponseScoring()
    {
        var spec = JobSpecParser.Parse("""
            name: sft
            model: m
            prefix: { path: p }
            input: in.jsonl
            output: out
            record: { id: id, prompt: instruction, response: output, score: response }
            """);
        Assert.True(spec.Record.IsSft);
        Assert.Equal("instruction", spec.Record.Prompt);
        Assert.Equal(SftScoring.Response, spec.Record.Score);
        Assert.Null(spec.Record.Text);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceWithItsPath()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("""
            name: "bad name!"
            method: lamdas
            selection: { mode: threshold, tau: -1 }
            max_tokens: 0
            record: { id: id, prompt: p }
            colour: blue
            """));
        var problems = error.Problems;
        Assert.Contains("selection.tau must be > 0 (found -1)", problems);
        Assert.Contains("max_tokens must be between 1 and 32768 (found 0)", problems);
        Assert.Contains("input is required", problems);
        Assert.Contains("output is required", problems);
        Assert.Contains("model is required for method lamdas", problems);
        Assert.Contains(problems, p => p.StartsWith("prefix ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("name ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("record.response", StringComparison.Ordinal));
        Assert.Contains("colour is not a known field", problems);
        Assert.True(problems.Count >= 9, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("method: dsir\nselection: { mode: threshold, tau: 1.0 }", "selection.threshold is required in threshold mode for method dsir")]
    [InlineData("method: dsir\nselection: { mode: top-fraction, fraction: 1.5 }", "selection.fraction must be in (0, 1] (found 1.5)")]
    [InlineData("method: bogus", "method 'bogus' is not one of lamdas, ppl, dsir, tfidf, random")]
    [InlineData("method: random\nselection: { mode: sometimes }", "selection.mode 'sometimes' is not threshold or top-fraction")]
    [InlineData("method: ppl\nselection: { mode: top-fraction, fraction: 0.1 }\nmax_bad_fraction: 2", "max_bad_fraction must be between 0 and 1 (found 2)")]
    [InlineData("method: tfidf\nselection: { mode: top-fraction, fraction: 0.1 }", "reference is required for method tfidf (or give prefix.reference)")]
    [InlineData("method: random\nselection: { mode: top-fraction, fraction: 0.1 }\nmax_tokens: 12.5", "max_tokens must be an integer (found 12.5)")]
    [InlineData("method: random\nselection: { mode: top-fraction, fraction: 0.1 }\noutput_format: csv", "output_format must be one of same, jsonl, jsonl.gz, jsonl.zst, parquet (found \"csv\")")]
    public void SpecificProblemsAreNamed(string extra, string expected)
    {
        var text = "name: j\ninput: in.jsonl\noutput: out\nmodel: m\n" + extra + "\n";
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(text));
        Assert.Contains(expected, error.Problems);
    }

    [Fact]
    public void PrefixContrastAndBackgroundAreReadAndChecked()
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { reference: r.jsonl, contrast: 0.5, background: 64 }\n");
        Assert.Equal(0.5, spec.Prefix!.Contrast);
        Assert.Equal(64, spec.Prefix.Background);
        Assert.Equal(spec.Prefix, JobSpecParser.FromCanonicalJson(JobSpecParser.ToJson(spec)).Prefix);

        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse(
            "name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { reference: r.jsonl, contrast: -1, background: 0 }\n"));
        Assert.Contains("prefix.contrast must be between 0 and 100 (found -1)", error.Problems);
        Assert.Contains("prefix.background must be between 1 and 100000 (found 0)", error.Problems);
    }

    [Theory]
    [InlineData("", 256, 64)]
    [InlineData("max_tokens: 64\n", 64, 0)]
    [InlineData("max_tokens: 65\n", 65, 64)]
    [InlineData("window_tokens: 0\n", 256, 0)]
    [InlineData("max_tokens: 256\nwindow_tokens: 32\n", 256, 32)]
    public void WindowTokensDefaultWhereDocumentsCanBeLongerAndRoundTrip(string extra, int maxTokens, int window)
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n" + extra);
        Assert.Equal(maxTokens, spec.MaxTokens);
        Assert.Equal(window, spec.WindowTokens);
        Assert.Equal(window, JobSpecParser.FromCanonicalJson(JobSpecParser.ToJson(spec)).WindowTokens);
    }

    [Fact]
    public void AStoredSpecFromBeforeWindowTokensKeepsWholeContextScoring()
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n");
        Assert.Equal(64, spec.WindowTokens);
        var stored = System.Text.Json.Nodes.JsonNode.Parse(JobSpecParser.ToJson(spec))!.AsObject();
        Assert.True(stored.Remove("window_tokens"));
        Assert.Equal(0, JobSpecParser.FromCanonicalJson(stored.ToJsonString()).WindowTokens);
    }

    [Theory]
    [InlineData("max_tokens: 128\nwindow_tokens: 128\n")]
    [InlineData("window_tokens: -1\n")]
    public void WindowTokensOutsideTheScoredLengthAreRefused(string extra)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n" + extra));
        Assert.Contains(error.Problems, p => p.StartsWith("window_tokens must be 0 (whole context only) or between 1 and max_tokens − 1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", ComputeDType.Auto)]
    [InlineData("dtype: auto\n", ComputeDType.Auto)]
    [InlineData("dtype: float32\n", ComputeDType.Float32)]
    [InlineData("dtype: bfloat16\n", ComputeDType.BFloat16)]
    [InlineData("dtype: float16\n", ComputeDType.Float16)]
    public void DTypeDefaultsToAutoAndRoundTrips(string extra, ComputeDType expected)
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n" + extra);

        Assert.Equal(expected, spec.DType);
        Assert.Equal(expected, JobSpecParser.FromCanonicalJson(JobSpecParser.ToJson(spec)).DType);
        Assert.Equal(expected, JobSpecParser.Parse(JobFileJson.Write(spec)).DType);
    }

    [Fact]
    public void TheCanonicalFormNamesAChosenDTypeAndLeavesAutoOut()
    {
        const string yaml = "name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n";
        var chosen = System.Text.Json.Nodes.JsonNode.Parse(JobSpecParser.ToJson(JobSpecParser.Parse(yaml + "dtype: bfloat16\n")))!.AsObject();
        var auto = System.Text.Json.Nodes.JsonNode.Parse(JobSpecParser.ToJson(JobSpecParser.Parse(yaml + "dtype: auto\n")))!.AsObject();

        Assert.Equal("bfloat16", chosen["dtype"]!.GetValue<string>());
        Assert.False(auto.ContainsKey("dtype"));
        Assert.Equal("bfloat16", System.Text.Json.Nodes.JsonNode.Parse(JobFileJson.Write(JobSpecParser.Parse(yaml + "dtype: bfloat16\n")))!["dtype"]!.GetValue<string>());
    }

    [Fact]
    public void AStoredSpecFromBeforeDTypeReadsBackAsAuto()
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\ndtype: float16\n");
        var stored = System.Text.Json.Nodes.JsonNode.Parse(JobSpecParser.ToJson(spec))!.AsObject();
        Assert.True(stored.Remove("dtype"));

        var read = JobSpecParser.FromCanonicalJson(stored.ToJsonString());

        Assert.Equal(ComputeDType.Auto, read.DType);
        Assert.Equal(JobSpecParser.ToJson(spec with { DType = ComputeDType.Auto }), JobSpecParser.ToJson(read));
    }

    [Theory]
    [InlineData("dtype: bf16\n", "dtype must be one of auto, float32, bfloat16, float16 (found \"bf16\")")]
    [InlineData("dtype: Float32\n", "dtype must be one of auto, float32, bfloat16, float16 (found \"Float32\")")]
    [InlineData("dtype: \"\"\n", "dtype must not be empty")]
    public void AnUnknownDTypeIsRefusedNamingTheField(string extra, string expected)
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n" + extra));

        Assert.Contains(expected, error.Problems);
    }

    [Fact]
    public void ADTypeThatIsNotAStringIsRefusedNamingTheField()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\ndtype: 16\n"));

        Assert.Contains(error.Problems, p => p.StartsWith("dtype must be a string", StringComparison.Ordinal));
    }

    [Fact]
    public void BaselinesNeedNoModelOrPrefix()
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmethod: dsir\nreference: ref.jsonl\nselection: { mode: threshold, threshold: 2.5 }\n");
        Assert.Equal(SelectionMethod.Dsir, spec.Method);
        Assert.Equal(2.5, spec.Selection.CutOff(spec.Method));
        Assert.Null(spec.Model);
    }

    [Fact]
    public void NotYamlIsReported()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("name: [unclosed"));
        Assert.Contains("YAML", error.Problems.Single());
    }

    [Fact]
    public void QuotedNumbersStayStrings()
    {
        var error = Assert.Throws<JobSpecException>(() => JobSpecParser.Parse("name: j\ninput: in\noutput: out\nmethod: random\nselection: { mode: top-fraction, fraction: '0.5' }\n"));
        Assert.Contains(error.Problems, p => p.StartsWith("selection.fraction must be a number", StringComparison.Ordinal));
    }
}
