using System.Globalization;
using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary>
/// The CLI against Hugging Face: token ids from HF tokenizers, and log-likelihoods computed in float64 from the
/// same stored weights (tests/fixtures/hf/*/reference.jsonl, made by make_fixtures.py).
/// </summary>
[Integration]
public sealed class HuggingFaceAgreementTests(HuggingFaceModelsFixture hf) : IClassFixture<HuggingFaceModelsFixture>
{
    /// <summary>Float32 computation against a float64 reference; observed agreement is ~1e-7 relative.</summary>
    private const double Relative = 1e-4;

    [Theory]
    [InlineData("qwen2-tiny", "qwen2")]
    [InlineData("llama-tiny", "gpt2")]
    public void TokenizeEqualsTheHuggingFaceIds(string model, string tokenizer)
    {
        using var temp = new TempDirectory();
        var output = temp.FilePath("ids.jsonl");

        CliRunner.Run("tokenize", "--model", hf.Model(model), "--input", hf.Docs(model), "--output", output).AssertSuccess();

        var rows = Jsonl.Read(output);
        var docs = Jsonl.Read(hf.Docs(model));
        var huggingFace = HuggingFaceTokenizerIds.Load(tokenizer);
        var reference = hf.Reference(model).Where(r => Field.Integer(r, "max_tokens") == 1024).ToDictionary(r => Field.String(r, "id"));
        Assert.Equal(docs.Count, rows.Count);
        for (var i = 0; i < docs.Count; i++)
        {
            var id = Field.String(docs[i], "id");
            Assert.Equal(id, Field.String(rows[i], "id"));
            var ids = Field.IntArray(rows[i], "ids");
            var expected = huggingFace.First(t => t.Text == Field.String(docs[i], "text")).Ids;
            Assert.True(expected.SequenceEqual(ids), $"{model} {id}: ids [{string.Join(",", ids)}], Hugging Face [{string.Join(",", expected)}]");
            var truncated = Field.IntArray(reference[id], "ids");
            Assert.True(truncated.SequenceEqual(ids.Take(1024)), $"{model} {id}: ids differ from reference.jsonl");
        }
    }

    [Theory]
    [InlineData("qwen2-tiny", 1024)]
    [InlineData("qwen2-tiny", 16)]
    [InlineData("llama-tiny", 1024)]
    [InlineData("llama-tiny", 16)]
    public void LogprobWithAndWithoutPrefixMatchesTheReference(string model, int maxTokens)
    {
        using var temp = new TempDirectory();
        var max = maxTokens.ToString(CultureInfo.InvariantCulture);
        var basePath = temp.FilePath("base.jsonl");
        var prefixPath = temp.FilePath("prefix.jsonl");

        CliRunner.Run("logprob", "--model", hf.Model(model), "--input", hf.Docs(model), "--output", basePath, "--max-tokens", max,
            "--threads", "1").AssertSuccess();
        CliRunner.Run("logprob", "--model", hf.Model(model), "--prefix", hf.Prefix(model), "--input", hf.Docs(model), "--output",
            prefixPath, "--max-tokens", max, "--threads", "1").AssertSuccess();

        var reference = References(model, maxTokens);
        var withoutPrefix = Jsonl.Read(basePath);
        var withPrefix = Jsonl.Read(prefixPath);
        Assert.Equal(reference.Count, withoutPrefix.Count);
        Assert.Equal(reference.Count, withPrefix.Count);
        for (var i = 0; i < reference.Count; i++)
        {
            var expected = reference[i];
            var id = Field.String(expected, "id");
            Assert.Equal(id, Field.String(withoutPrefix[i], "id"));
            Assert.Equal(id, Field.String(withPrefix[i], "id"));
            Assert.Equal(Field.Integer(expected, "tokens"), Field.Integer(withoutPrefix[i], "tokens"));
            Assert.Equal(Field.Integer(expected, "tokens"), Field.Integer(withPrefix[i], "tokens"));
            Field.Close(Field.Number(expected, "logprob"), Field.Number(withoutPrefix[i], "logprob"), Relative, $"{model} {id} max {maxTokens}: logprob");
            Field.Close(Field.Number(expected, "logprob_prefix"), Field.Number(withPrefix[i], "logprob"), Relative,
                $"{model} {id} max {maxTokens}: logprob --prefix");
        }
    }

    [Theory]
    [InlineData("qwen2-tiny")]
    [InlineData("llama-tiny")]
    public void ScoreMatchesTheReference(string model)
    {
        using var temp = new TempDirectory();
        var output = temp.FilePath("score.jsonl");

        CliRunner.Run("score", "--model", hf.Model(model), "--prefix", hf.Prefix(model), "--input", hf.Docs(model), "--output", output,
            "--max-tokens", "16", "--threads", "1").AssertSuccess();

        var reference = References(model, 16);
        var rows = Jsonl.Read(output);
        Assert.Equal(reference.Count, rows.Count);
        for (var i = 0; i < reference.Count; i++)
        {
            var expected = reference[i];
            var id = Field.String(expected, "id");
            var what = $"{model} {id}";
            Assert.Equal(id, Field.String(rows[i], "id"));
            Assert.Equal(Field.Integer(expected, "tokens"), Field.Integer(rows[i], "tokens"));
            var logprobBase = Field.Number(expected, "logprob");
            Field.Close(logprobBase, Field.Number(rows[i], "logprob_base"), Relative, what + ": logprob_base");
            Field.Close(Field.Number(expected, "logprob_prefix"), Field.Number(rows[i], "logprob_prefix"), Relative, what + ": logprob_prefix");

            // The score is a difference of two log-likelihoods: its error is bounded relative to their size.
            var score = Field.Number(expected, "score");
            var allowed = 2 * Relative * Math.Max(1, Math.Abs(logprobBase));
            var actual = Field.Number(rows[i], "score");
            Assert.True(Math.Abs(actual - score) <= allowed, $"{what}: score {actual:R}, reference {score:R}");
            Assert.Equal(score > 0, Field.Boolean(rows[i], "selected"));
        }
    }

    private List<JsonElement> References(string model, int maxTokens) =>
        hf.Reference(model).Where(r => Field.Integer(r, "max_tokens") == maxTokens).ToList();
}
