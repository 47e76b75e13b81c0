using System.Text.Json;
using Lamdas.Engine.Training;

namespace Lamdas.Engine.Tests;

[Integration]
public sealed class PrefixTrainerTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    private static List<ReferenceDocument> Reference(Model.LanguageModel model, int count, string task = "code-python")
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "domain-bench-dev", task, "reference.jsonl"));
        return File.ReadLines(path).Take(count)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new ReferenceDocument(e.GetProperty("id").ToString(), [.. model.Tokenizer.Encode(e.GetProperty("text").GetString()!)]))
            .ToList();
    }

    private static PrefixTrainingOptions Options(long seed) => new()
    {
        Length = 4,
        MaxEpochs = 3,
        Seed = seed,
        MaxTokens = 48,
        BatchTokens = 512,
        LearningRate = 0.05,
        ValidationFraction = 0.25,
    };

    [Fact]
    public void TrainingLowersValidationNllAndLeavesTheModelFrozen()
    {
        var model = models.Llama;
        var before = model.Network.named_parameters().Select(p => p.parameter.abs().sum().item<float>()).ToArray();
        var result = new PrefixTrainer(model, Options(1)).Train(Reference(model, 16));
        using var prefix = result.Prefix;

        Assert.True(result.ValidationNllPrefix < result.ValidationNllBase,
            $"prefix {result.ValidationNllPrefix} vs base {result.ValidationNllBase}");
        Assert.Equal(new long[] { 3, 2, 4, 8 }, prefix.Keys.shape);
        Assert.NotEmpty(prefix.Metadata.Epochs);
        Assert.Equal(model.Fingerprint, prefix.Metadata.BaseModelFingerprint);
        var after = model.Network.named_parameters().Select(p => p.parameter.abs().sum().item<float>()).ToArray();
        Assert.Equal(before, after);
    }

    [Fact]
    public void SameSeedGivesTheSamePrefix()
    {
        var model = models.Llama;
        // Four documents (one held out) and two epochs: enough for the seeded initialisation, shuffles and hold-out to matter.
        var docs = Reference(model, 4);
        var options = Options(7) with { MaxEpochs = 2 };
        var first = new PrefixTrainer(model, options).Train(docs);
        var second = new PrefixTrainer(model, options).Train(docs);
        using var a = first.Prefix;
        using var b = second.Prefix;
        Assert.Equal(a.Keys.data<float>().ToArray(), b.Keys.data<float>().ToArray());
        Assert.Equal(a.Values.data<float>().ToArray(), b.Values.data<float>().ToArray());
        Assert.Equal(first.ValidationNllPrefix, second.ValidationNllPrefix);
    }

    [Fact]
    public void LongReferenceDocumentsAreCutIntoScoringWindowsAndShortTailsDropped()
    {
        var model = models.Llama;
        var ids = Reference(model, 16).SelectMany(d => d.Ids).ToArray();
        Assert.True(ids.Length >= 240, $"the fixture reference has only {ids.Length} tokens");

        // Window 48: 130 tokens → 48 + 48 + 34; 100 → 48 + 48 (a 4-token tail is dropped); 10 → its only window.
        var docs = new List<ReferenceDocument>
        {
            new("long", ids[..130]),
            new("tail", ids[130..230]),
            new("short", ids[230..240]),
        };
        var options = Options(3) with { ValidationFraction = 0, MaxEpochs = 1 };
        var result = new PrefixTrainer(model, options).Train(docs);
        using var prefix = result.Prefix;
        Assert.Equal(6, result.TrainingWindows);
        Assert.Equal(130 + 96 + 10, result.TrainingTokens);
    }

    [Fact]
    public void ByDefaultEveryReferenceDocumentTrainsThePrefix()
    {
        var model = models.Llama;
        var docs = Reference(model, 8);

        // Windows of 48 tokens; a last window under 16 tokens counts only when it is the document's only one.
        static int Windows(int length) => length <= 48 ? 1 : (length / 48) + (length % 48 >= 16 ? 1 : 0);
        var allWindows = docs.Sum(d => Windows(d.Ids.Length));
        var defaults = new PrefixTrainingOptions { Length = 4, MaxEpochs = 1, MaxTokens = 48, BatchTokens = 512, LearningRate = 0.05 };
        var result = new PrefixTrainer(model, defaults).Train(docs);
        using var prefix = result.Prefix;
        Assert.Equal(allWindows, result.TrainingWindows);
        Assert.Equal(0, prefix.Metadata.HyperParameters!.ValidationFraction);
        Assert.False(result.NllHeldOut);
        Assert.Equal("training-set NLL", result.NllLabel);

        var heldOut = new PrefixTrainer(model, defaults with { ValidationFraction = 0.25 }).Train(docs);
        using var heldOutPrefix = heldOut.Prefix;
        Assert.True(heldOut.TrainingWindows < allWindows, $"{heldOut.TrainingWindows} windows with a held-out split, {allWindows} without");
        Assert.True(heldOut.NllHeldOut);
        Assert.Equal("validation NLL", heldOut.NllLabel);
        Assert.True(heldOutPrefix.Metadata.ValidationHeldOut);

        // A share to hold out but a single document: nothing can be held out, and the NLLs say so.
        var single = new PrefixTrainer(model, defaults with { ValidationFraction = 0.25 }).Train(docs.Take(1).ToList());
        using var singlePrefix = single.Prefix;
        Assert.Equal(0.25, singlePrefix.Metadata.HyperParameters!.ValidationFraction);
        Assert.False(singlePrefix.Metadata.ValidationHeldOut);
        Assert.Equal("training-set NLL", single.NllLabel);
    }

    [Fact]
    public void ASmallReferenceSetGetsItsEpochCountFromCrossValidation()
    {
        var model = models.Llama;
        var docs = Reference(model, 8);
        var options = Options(11) with { ValidationFraction = 0, MaxEpochs = 4, LearningRate = 0.3, CrossValidationFolds = 4, CrossValidationMaxWindows = 1000 };
        var result = new PrefixTrainer(model, options).Train(docs);
        using var prefix = result.Prefix;
        var cv = prefix.Metadata.CrossValidation;
        Assert.NotNull(cv);
        Assert.Equal(4, cv.Folds);
        Assert.Equal(8, cv.Documents);
        Assert.Equal(options.MaxEpochs + 1, cv.HeldOutNll.Count);

        // Every document is held out exactly once, so the folds' NLL without a prefix, pooled over their tokens, is
        // the NLL of all the windows.
        Assert.Equal(result.ValidationNllBase, cv.HeldOutNllBase, 6);

        // The count with the lowest held-out NLL is what the final prefix trains for, on every document.
        var lowest = Enumerable.Range(1, options.MaxEpochs).MinBy(e => cv.HeldOutNll[e]);
        Assert.Equal(lowest, cv.ChosenEpochs);
        Assert.Equal(cv.ChosenEpochs, prefix.Metadata.Epochs.Count);
        Assert.False(result.NllHeldOut);
    }

    [Theory]
    [InlineData(0.0, 4, 16, 16, 64, true)]
    [InlineData(0.0, 4, 16, 65, 64, false)] // too many windows: trains for the maximum
    [InlineData(0.0, 4, 3, 3, 64, false)]   // fewer documents than folds
    [InlineData(0.1, 4, 16, 16, 64, false)] // a held-out split stops training instead
    [InlineData(0.0, 0, 16, 16, 64, false)] // turned off
    public void CrossValidationIsUsedOnlyForSmallReferenceSetsWithNothingHeldOut(double fraction, int folds, int documents, int windows, int maxWindows, bool expected)
    {
        var options = new PrefixTrainingOptions { ValidationFraction = fraction, CrossValidationFolds = folds, CrossValidationMaxWindows = maxWindows };
        Assert.Equal(expected, options.UsesCrossValidation(documents, windows));
    }

    [Fact]
    public void ANegativeOrSingleFoldCountIsRejected()
    {
        Assert.Throws<EngineException>(() => new PrefixTrainingOptions { CrossValidationFolds = 1 }.Validate());
        Assert.Throws<EngineException>(() => new PrefixTrainingOptions { CrossValidationMaxWindows = -1 }.Validate());
        new PrefixTrainingOptions { CrossValidationFolds = 0 }.Validate();
    }

    [Fact]
    public void TheTextBeyondTheFirstWindowChangesThePrefix()
    {
        var model = models.Llama;
        var full = Reference(model, 8).Where(d => d.Ids.Length > 96).ToList();
        Assert.NotEmpty(full);
        var firstWindowOnly = full.Select(d => d with { Ids = d.Ids[..48] }).ToList();
        var options = Options(5) with { ValidationFraction = 0, MaxEpochs = 1 };
        using var a = new PrefixTrainer(model, options).Train(full).Prefix;
        using var b = new PrefixTrainer(model, options).Train(firstWindowOnly).Prefix;
        Assert.NotEqual(a.Values.data<float>().ToArray(), b.Values.data<float>().ToArray());
    }

    [Fact]
    public void TheContrastiveTermLowersTheBackgroundLogRatio()
    {
        var model = models.Llama;
        var reference = Reference(model, 12);
        var background = Reference(model, 24, "email-spam").Select(d => d.Ids.Length > 48 ? d.Ids[..48] : d.Ids).ToList();
        var options = Options(9) with { MaxEpochs = 3, Patience = 3, ContrastScale = 4 };
        using var plain = new PrefixTrainer(model, options with { ContrastWeight = 0 }).Train(reference, null, background).Prefix;
        using var contrastive = new PrefixTrainer(model, options with { ContrastWeight = 2 }).Train(reference, null, background).Prefix;

        var engine = new Scoring.LogLikelihoodEngine(model, new Scoring.ScoringOptions { MaxTokens = 48, BatchTokens = 512 });
        var baseline = engine.LogProbs(background, null);
        double MeanRatio(Prefix.DomainPrefix prefix) => engine.LogProbs(background, prefix)
            .Select((r, i) => (r.LogProb - baseline[i].LogProb) / r.Tokens).Average();
        var plainRatio = MeanRatio(plain);
        var contrastiveRatio = MeanRatio(contrastive);
        Assert.True(contrastiveRatio < plainRatio - 0.01, $"contrastive {contrastiveRatio} vs reference-only {plainRatio}");

        Assert.Equal(0, plain.Metadata.HyperParameters!.ContrastWeight);
        Assert.Equal(0, plain.Metadata.HyperParameters.BackgroundWindows);
        Assert.Equal(2, contrastive.Metadata.HyperParameters!.ContrastWeight);
        Assert.Equal(4, contrastive.Metadata.HyperParameters.ContrastScale);
        Assert.Equal(background.Count - 6, contrastive.Metadata.HyperParameters.BackgroundWindows);
    }
}
