using System.Diagnostics;
using System.Text.Json;
using Lamdas.Engine.Training;

namespace Lamdas.Engine.Tests;

/// <summary>Prefix training stops on its cancellation token: before it starts, between optimiser steps, and in cross-validation.</summary>
[Integration]
public sealed class PrefixTrainerCancellationTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    private static List<ReferenceDocument> Reference(Model.LanguageModel model, int count)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "domain-bench-dev", "code-python", "reference.jsonl"));
        return File.ReadLines(path).Take(count)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new ReferenceDocument(e.GetProperty("id").ToString(), [.. model.Tokenizer.Encode(e.GetProperty("text").GetString()!)]))
            .ToList();
    }

    /// <summary>Training that would run for a long time: many epochs, no early stop.</summary>
    private static PrefixTrainingOptions Long => new()
    {
        Length = 4,
        MaxEpochs = 10_000,
        Patience = 10_000,
        MaxTokens = 48,
        BatchTokens = 256,
        LearningRate = 0.05,
    };

    [Fact]
    public void ACancelledTokenStopsTrainingAtOnce()
    {
        var model = models.Llama;
        var docs = Reference(model, 12);
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new PrefixTrainer(model, Long with { ValidationFraction = 0.25 }) { Log = lines.Add }.Train(docs, null, null, new CancellationToken(canceled: true)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(lines);
    }

    [Fact]
    public void CancellingBetweenEpochsStopsBeforeTheNextOptimiserStep()
    {
        var model = models.Llama;
        var docs = Reference(model, 12);
        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        void Log(string line)
        {
            lines.Add(line);
            if (line.StartsWith("epoch 1:", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new PrefixTrainer(model, Long with { ValidationFraction = 0.25 }) { Log = Log }.Train(docs, null, null, cancel.Token));
        Assert.Contains(lines, l => l.StartsWith("epoch 1:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("epoch 2:", StringComparison.Ordinal));
    }

    [Fact]
    public void CancellingDuringCrossValidationStopsBeforeTheNextFold()
    {
        var model = models.Llama;
        var docs = Reference(model, 8);
        var options = Long with { MaxEpochs = 3, ValidationFraction = 0, CrossValidationFolds = 4, CrossValidationMaxWindows = 1000 };
        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        void Log(string line)
        {
            lines.Add(line);
            if (line.StartsWith("cross-validation fold 1/", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(() => new PrefixTrainer(model, options) { Log = Log }.Train(docs, null, null, cancel.Token));
        Assert.Contains(lines, l => l.StartsWith("cross-validation fold 1/", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("cross-validation fold 2/", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("epoch ", StringComparison.Ordinal));
    }
}
