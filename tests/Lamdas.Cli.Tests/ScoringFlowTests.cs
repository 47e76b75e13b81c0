using System.Globalization;
using System.Text.Json;

namespace Lamdas.Cli.Tests;

/// <summary>
/// tokenize, logprob (with and without a prefix) and score on a checkpoint made by <c>model init</c>, with the
/// texts (and Hugging Face GPT-2 ids) of tests/fixtures/hf/tokenizer-ids.jsonl as documents.
/// </summary>
[Integration]
public sealed class ScoringFlowTests(TinyCheckpointFixture tiny) : IClassFixture<TinyCheckpointFixture>
{
    private const int MaxTokens = 12;

    [Fact]
    public void TokenizeGivesTheHuggingFaceGpt2Ids()
    {
        using var temp = new TempDirectory();
        var cases = HuggingFaceTokenizerIds.LoadNonEmpty("gpt2");
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, cases.Select((c, i) => (Jsonl.Quote($"t{i}"), c.Text)));
        var output = temp.FilePath("out.jsonl");

        CliRunner.Run("tokenize", "--model", tiny.Model, "--input", input, "--output", output).AssertSuccess();

        var rows = Jsonl.Read(output);
        Assert.Equal(cases.Count, rows.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal($"t{i}", Field.String(rows[i], "id"));
            var ids = Field.IntArray(rows[i], "ids");
            Assert.True(cases[i].Ids.SequenceEqual(ids),
                $"text {JsonSerializer.Serialize(cases[i].Text)}: ids [{string.Join(",", ids)}], Hugging Face [{string.Join(",", cases[i].Ids)}]");
        }
    }

    [Fact]
    public void ScoreAndLogprobOutputsFollowTheContract()
    {
        using var temp = new TempDirectory();
        var (cases, input) = NumberedCases(temp);
        var max = MaxTokens.ToString(CultureInfo.InvariantCulture);

        var scoreTau1 = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("score1.jsonl"), "--max-tokens", max);
        var scoreTauHalf = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("score05.jsonl"),
            "--max-tokens", max, "--tau", "0.5");
        var logprobBase = Run("logprob", "--input", input, "--output", temp.FilePath("lp-base.jsonl"), "--max-tokens", max);
        var logprobPrefix = Run("logprob", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("lp-prefix.jsonl"),
            "--max-tokens", max);

        Assert.Equal(cases.Count, scoreTau1.Count);
        Assert.Equal(cases.Count, scoreTauHalf.Count);
        Assert.Equal(cases.Count, logprobBase.Count);
        Assert.Equal(cases.Count, logprobPrefix.Count);
        var lnHalf = Math.Log(0.5);
        for (var i = 0; i < cases.Count; i++)
        {
            var s = scoreTau1[i];
            var what = $"document {i} {JsonSerializer.Serialize(cases[i].Text)}";
            Assert.Equal(i, Field.Integer(s, "id"));
            var tokens = Field.Integer(s, "tokens");
            var lpBase = Field.Number(s, "logprob_base");
            var lpPrefix = Field.Number(s, "logprob_prefix");
            var score = Field.Number(s, "score");
            var perToken = Field.Number(s, "score_per_token");
            var selected = Field.Boolean(s, "selected");

            // Truncation to --max-tokens of the Hugging Face token count.
            Assert.True(tokens == Math.Min(cases[i].Ids.Length, MaxTokens), $"{what}: tokens {tokens}, Hugging Face ids {cases[i].Ids.Length}, max {MaxTokens}");
            Assert.True(lpBase < 0 && lpPrefix < 0, $"{what}: log-probabilities must be negative ({lpBase}, {lpPrefix})");
            Assert.True(Math.Abs(score - (lpPrefix - lpBase)) <= 1e-9, $"{what}: score {score:R} ≠ logprob_prefix − logprob_base = {lpPrefix - lpBase:R}");
            Field.Close(score / tokens, perToken, 1e-12, $"{what}: score_per_token");
            Assert.True(selected == score > 0.0, $"{what}: tau 1: selected {selected} but score {score:R} vs ln 1 = 0");

            var half = scoreTauHalf[i];
            Assert.Equal(i, Field.Integer(half, "id"));
            Assert.Equal(score, Field.Number(half, "score"));
            Assert.True(Field.Boolean(half, "selected") == score > lnHalf, $"{what}: tau 0.5: selected {Field.Boolean(half, "selected")} but score {score:R} vs ln 0.5");

            var b = logprobBase[i];
            Assert.Equal(i, Field.Integer(b, "id"));
            Assert.Equal(tokens, Field.Integer(b, "tokens"));
            Field.Close(lpBase, Field.Number(b, "logprob"), 1e-6, $"{what}: logprob without --prefix vs score logprob_base");
            Field.Close(Field.Number(b, "logprob") / tokens, Field.Number(b, "logprob_per_token"), 1e-12, $"{what}: logprob_per_token");

            var p = logprobPrefix[i];
            Assert.Equal(i, Field.Integer(p, "id"));
            Assert.Equal(tokens, Field.Integer(p, "tokens"));
            Field.Close(lpPrefix, Field.Number(p, "logprob"), 1e-6, $"{what}: logprob --prefix vs score logprob_prefix");
        }

        // The prefix must actually condition the model.
        Assert.Contains(scoreTau1, s => Math.Abs(Field.Number(s, "score")) > 1e-4);
    }

    [Fact]
    public void ATauBetweenTwoObservedScoresSplitsTheSelectionAtLnTau()
    {
        using var temp = new TempDirectory();
        var (cases, input) = NumberedCases(temp);
        var max = MaxTokens.ToString(CultureInfo.InvariantCulture);
        var scores = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("s1.jsonl"), "--max-tokens", max)
            .Select(r => Field.Number(r, "score")).ToArray();

        // A threshold in the widest gap around the median score, so that it separates the documents robustly.
        var sorted = scores.Order().ToArray();
        var mid = sorted.Length / 2;
        var gap = Enumerable.Range(Math.Max(1, mid - 3), 7).Where(k => k < sorted.Length).MaxBy(k => sorted[k] - sorted[k - 1]);
        Assert.True(sorted[gap] - sorted[gap - 1] > 1e-6, "the documents' scores are all equal; the prefix has no effect");
        var lnTau = (sorted[gap] + sorted[gap - 1]) / 2;
        var tau = Math.Exp(lnTau);

        var rows = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("s2.jsonl"), "--max-tokens", max,
            "--tau", tau.ToString("R", CultureInfo.InvariantCulture));

        Assert.Equal(scores.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(Field.Boolean(rows[i], "selected") == scores[i] > lnTau,
                $"document {i}: selected {Field.Boolean(rows[i], "selected")} with score {scores[i]:R} and ln tau {lnTau:R}");
        }

        var kept = rows.Count(r => Field.Boolean(r, "selected"));
        Assert.Equal(sorted.Length - gap, kept);
    }

    [Fact]
    public void WindowTokensAddTheWindowedViewToBothLogProbs()
    {
        using var temp = new TempDirectory();
        var (cases, input) = NumberedCases(temp);
        var max = MaxTokens.ToString(CultureInfo.InvariantCulture);
        var whole = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("w0.jsonl"), "--max-tokens", max, "--window-tokens", "0");
        var windowed = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("w4.jsonl"), "--max-tokens", max, "--window-tokens", "4");
        // The default window (64) is not below --max-tokens 12, so the default is the whole view only.
        var byDefault = Run("score", "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("wd.jsonl"), "--max-tokens", max);

        var differing = 0;
        for (var i = 0; i < whole.Count; i++)
        {
            var tokens = Field.Integer(whole[i], "tokens");
            Assert.Equal(tokens, Field.Integer(windowed[i], "tokens"));
            var wholeBase = Field.Number(whole[i], "logprob_base");
            var windowedBase = Field.Number(windowed[i], "logprob_base");
            Assert.True(Math.Abs(Field.Number(windowed[i], "score") - (Field.Number(windowed[i], "logprob_prefix") - windowedBase)) <= 1e-9);
            Assert.Equal(Field.Number(whole[i], "score"), Field.Number(byDefault[i], "score"));
            if (tokens <= 4)
            {
                // One window: it is the whole view again.
                Field.Close(2 * wholeBase, windowedBase, 1e-5, $"document {i} ({tokens} tokens)");
            }
            else if (Math.Abs(windowedBase - (2 * wholeBase)) > 1e-3)
            {
                differing++;
            }
        }

        Assert.True(differing > 0, "no document longer than one window got a windowed view different from the whole one");

        var refused = CliRunner.Run("score", "--model", tiny.Model, "--prefix", tiny.HandPrefix, "--input", input, "--output", temp.FilePath("bad.jsonl"),
            "--max-tokens", max, "--window-tokens", max);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--window-tokens must be 0 (whole context only) or between 1 and --max-tokens − 1 (11)", refused.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The Hugging Face tokenizer cases as documents with ids 0, 1, 2, …</summary>
    private static (List<TokenizedText> Cases, string Input) NumberedCases(TempDirectory temp)
    {
        var cases = HuggingFaceTokenizerIds.LoadNonEmpty("gpt2");
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, cases.Select((c, i) => (i.ToString(CultureInfo.InvariantCulture), c.Text)));
        return (cases, input);
    }

    private List<JsonElement> Run(string command, params string[] arguments)
    {
        var output = arguments[Array.IndexOf(arguments, "--output") + 1];
        CliRunner.Run([command, "--model", tiny.Model, "--threads", "1", .. arguments]).AssertSuccess();
        return Jsonl.Read(output);
    }
}
