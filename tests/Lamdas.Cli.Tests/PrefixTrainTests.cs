using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lamdas.Cli.Tests;

/// <summary><c>lamdas prefix train</c> and the use of its prefix by logprob and score.</summary>
[Integration]
public sealed class PrefixTrainTests(TrainedPrefixFixture trained) : IClassFixture<TrainedPrefixFixture>
{
    [Fact]
    public void TrainingWritesThePrefixTensorsAndMetadata()
    {
        var prefix = trained.RequireTrainedPrefix();

        var tensors = SafeTensorsFile.ReadHeader(Path.Combine(prefix, "prefix.safetensors"));
        long[] shape = [TinyConfig.Layers, TinyConfig.KvHeads, 4, TinyConfig.HeadDim];
        foreach (var name in new[] { "prefix.keys", "prefix.values" })
        {
            Assert.True(tensors.TryGetValue(name, out var info), $"{name} missing from prefix.safetensors");
            Assert.Equal(shape, info.Shape);
            Assert.Equal("F32", info.DType);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(prefix, "prefix.json")));
        var metadata = document.RootElement;
        Assert.Equal(4, Field.Integer(metadata, "length"));
        Assert.Equal(TrainedPrefixFixture.Seed, Field.Integer(metadata, "seed"));
        Assert.False(string.IsNullOrWhiteSpace(Field.String(metadata, "base_model_fingerprint")));
        var validationBase = Field.Number(metadata, "validation_nll_base");
        var validationPrefix = Field.Number(metadata, "validation_nll_prefix");
        Assert.True(validationBase > 0 && validationPrefix > 0, metadata.GetRawText());

        var epochs = Field.Get(metadata, "epochs");
        Assert.Equal(JsonValueKind.Array, epochs.ValueKind);
        var records = epochs.EnumerateArray().ToList();
        Assert.InRange(records.Count, 1, 3);
        foreach (var epoch in records)
        {
            Assert.True(Field.Number(epoch, "train_nll") > 0, epoch.GetRawText());
            Assert.True(Field.Number(epoch, "validation_nll") > 0, epoch.GetRawText());
        }

        // The kept prefix is the best one seen: no epoch validated better than it.
        Assert.All(records, epoch => Assert.True(validationPrefix <= Field.Number(epoch, "validation_nll") + 1e-9,
            $"validation_nll_prefix {validationPrefix} is worse than epoch {epoch.GetRawText()}"));
    }

    [Fact]
    public void TrainingPrintsValidationNllWithoutAndWithThePrefixAndThePrefixHelps()
    {
        trained.RequireTrainedPrefix();
        var stdout = trained.Training.Stdout;

        var without = Regex.Match(stdout, @"validation NLL without prefix:\s*([0-9.]+)");
        var with = Regex.Match(stdout, @"validation NLL with prefix:\s*([0-9.]+)");
        Assert.True(without.Success && with.Success, "stdout lacks the validation NLL lines\n" + trained.Training.Describe());
        var nllWithout = double.Parse(without.Groups[1].Value, CultureInfo.InvariantCulture);
        var nllWith = double.Parse(with.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(nllWith < nllWithout, $"the prefix did not lower the validation NLL ({nllWith} vs {nllWithout})\n{trained.Training.Describe()}");

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(trained.PrefixDirectory, "prefix.json")));
        Field.Close(Field.Number(document.RootElement, "validation_nll_base"), nllWithout, 1e-3, "printed vs prefix.json validation_nll_base");
        Field.Close(Field.Number(document.RootElement, "validation_nll_prefix"), nllWith, 1e-3, "printed vs prefix.json validation_nll_prefix");
    }

    [Fact]
    public void TheSameSeedTrainsTheSamePrefix()
    {
        var first = trained.RequireTrainedPrefix();
        using var temp = new TempDirectory();
        var second = temp.FilePath("again");

        trained.Train(second).AssertSuccess();

        var a = File.ReadAllBytes(Path.Combine(first, "prefix.safetensors"));
        var b = File.ReadAllBytes(Path.Combine(second, "prefix.safetensors"));
        Assert.True(a.AsSpan().SequenceEqual(b), "two trainings with the same --seed wrote different prefix.safetensors");
    }

    [Fact]
    public void TheTrainedPrefixRaisesTheLikelihoodOfTheReferenceDocuments()
    {
        var prefix = trained.RequireTrainedPrefix();
        using var temp = new TempDirectory();
        var scores = temp.FilePath("score.jsonl");
        var logprobs = temp.FilePath("logprob.jsonl");

        CliRunner.Run("score", "--model", trained.ModelA, "--prefix", prefix, "--input", trained.Reference, "--output", scores,
            "--max-tokens", "64", "--threads", "1").AssertSuccess();
        CliRunner.Run("logprob", "--model", trained.ModelA, "--prefix", prefix, "--input", trained.Reference, "--output", logprobs,
            "--max-tokens", "64", "--threads", "1").AssertSuccess();

        var scored = Jsonl.Read(scores);
        var conditioned = Jsonl.Read(logprobs);
        Assert.Equal(TrainedPrefixFixture.ReferenceDocuments, scored.Count);
        Assert.Equal(scored.Count, conditioned.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            Assert.Equal(Field.Get(scored[i], "id").GetRawText(), Field.Get(conditioned[i], "id").GetRawText());
            Field.Close(Field.Number(scored[i], "logprob_prefix"), Field.Number(conditioned[i], "logprob"), 1e-6, $"reference document {i}");
        }

        // Trained to maximise log p(reference | prefix): in total the reference set is more likely with it.
        Assert.True(scored.Sum(r => Field.Number(r, "score")) > 0, "the trained prefix lowers the reference set's total log-likelihood");
    }

    [Theory]
    [InlineData("score")]
    [InlineData("logprob")]
    public void APrefixTrainedForAnotherModelIsRejected(string command)
    {
        var prefix = trained.RequireTrainedPrefix();
        using var temp = new TempDirectory();
        var input = temp.FilePath("in.jsonl");
        Jsonl.WriteDocuments(input, [(Jsonl.Quote("a"), "def f():\n    return 1\n")]);

        var result = CliRunner.Run(command, "--model", trained.ModelB, "--prefix", prefix, "--input", input, "--output",
            temp.FilePath("out.jsonl"), "--threads", "1").AssertCleanFailure();

        Assert.Contains("base model", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.FilePath("out.jsonl")));
    }
}
