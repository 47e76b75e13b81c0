using System.Diagnostics;
using Lamdas.Engine.Batching;
using Lamdas.Engine.Model;
using Lamdas.Engine.Modules;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using static TorchSharp.torch;

namespace Lamdas.Engine.Training;

/// <summary>
/// Learns a domain prefix by maximising Σ log p(x | C) over reference documents with the LM frozen (only the
/// prefix keys/values get gradients), AdamW, early stopping on a held-out validation split (by document) when one is
/// asked for, otherwise the NLL over the training windows as the convergence check, with the epoch count of a small
/// reference set chosen by K-fold cross-validation. Each
/// document is cut into windows of the scoring length, so the whole reference text is used. Given a background
/// sample of the candidate pool, a contrastive term (weight <see cref="PrefixTrainingOptions.ContrastWeight"/>)
/// keeps the prefix from raising the likelihood of that pool: the prefix learns what sets the reference apart
/// from the candidates rather than what all text shares. Deterministic for a given seed and thread count.
/// Cancellable: the token is checked before every optimiser step and every batch of the evaluation passes
/// (cross-validation folds and background sampling included), and nothing is written anywhere.
/// </summary>
public sealed class PrefixTrainer(LanguageModel model, PrefixTrainingOptions options)
{
    /// <summary>Positions each reference opening takes in the initial prefix context (the start token included).</summary>
    public const int InitialBlockTokens = 32;

    /// <summary>Reports progress lines (epoch results, final comparison).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Called after the initialisation (epoch 0) and after every epoch of the training proper (not of the
    /// cross-validation folds), on the training thread; it must return quickly.
    /// </summary>
    public Action<PrefixEpochProgress>? EpochDone { get; init; }

    /// <param name="documents">The tokenized reference documents (read whole; cut into windows here).</param>
    /// <param name="referenceInfo">Where the reference set came from, recorded in the prefix metadata.</param>
    /// <param name="background">
    /// Tokenized candidate-pool documents for the contrastive term (their first window is used, as in scoring);
    /// null or empty, or a zero contrast weight, trains on the reference alone.
    /// </param>
    /// <param name="cancellationToken">
    /// Checked before every optimiser step and every evaluation batch; a cancelled training throws
    /// <see cref="OperationCanceledException"/> within one step and returns no prefix.
    /// </param>
    public PrefixTrainingResult Train(IReadOnlyList<ReferenceDocument> documents, ReferenceSetInfo? referenceInfo = null,
        IReadOnlyList<int[]>? background = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        TorchRuntime.Apply(model.Threads);
        var usable = documents.Where(d => d.Ids.Length > 0).ToList();
        if (usable.Count == 0)
        {
            throw new EngineException("the reference set has no non-empty documents");
        }

        var clock = Stopwatch.StartNew();
        var rng = new Random(unchecked((int)options.Seed));
        manual_seed(options.Seed);
        var order = Enumerable.Range(0, usable.Count).ToArray();
        rng.Shuffle(order);
        var validationCount = options.HeldOutCount(usable.Count);

        // Split by document, then cut every document into windows: the whole reference text trains the prefix.
        var validation = Windows(order.Take(validationCount).Select(i => usable[i].Ids));
        var training = Windows(order.Skip(validationCount).Select(i => usable[i].Ids));
        if (validation.Count == 0)
        {
            validation = training;
        }

        // Without a held-out split, the NLL over the training windows after each epoch is the convergence check.
        var heldOut = !ReferenceEquals(validation, training);
        var check = PrefixTrainingResult.LabelFor(heldOut);
        var engine = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = options.MaxTokens, BatchTokens = options.BatchTokens });
        var baseNll = Nll(engine.LogProbs(validation, null, cancellationToken: cancellationToken));
        var trainingTokens = training.Sum(w => (long)w.Length);
        Log?.Invoke($"training on {training.Count} windows of up to {options.MaxTokens} tokens ({trainingTokens} tokens); "
            + $"{check} without prefix: {baseNll:F4} nats/token ({validation.Count} windows)");
        var contrast = background is { Count: > 0 } && options.ContrastWeight > 0
            ? new ContrastiveBackground(engine, background, options, rng, cancellationToken)
            : null;
        if (contrast is not null)
        {
            Log?.Invoke($"contrastive term: {contrast.TrainingWindows} background windows ({contrast.TrainingTokens} tokens), "
                + $"{contrast.ValidationWindows} held out, weight {options.ContrastWeight}");
        }

        // A small reference set with nothing held out: the epoch count comes from K-fold cross-validation, since
        // the training-set NLL keeps falling while the prefix memorises a few documents and loses on new ones.
        PrefixCrossValidation? crossValidation = null;
        var maxEpochs = options.MaxEpochs;
        if (!heldOut && contrast is null && options.UsesCrossValidation(usable.Count, training.Count))
        {
            crossValidation = CrossValidate(engine, order.Select(i => usable[i].Ids).ToList(), cancellationToken);
            maxEpochs = crossValidation.ChosenEpochs;
        }

        var fit = Fit(engine, training, validation, contrast, rng, maxEpochs, options.Patience, check, Log, cancellationToken,
            EpochDone is { } report ? e => report(e with { HeldOut = heldOut }) : null);
        var (bestKeys, bestValues, bestNll, bestEpoch, epochs) = (fit.Keys, fit.Values, fit.BestNll, fit.BestEpoch, fit.Epochs);
        Log?.Invoke($"{check}: without prefix {baseNll:F4}, with prefix {bestNll:F4} (best epoch {bestEpoch})");
        var c = model.Config;
        var metadata = new PrefixMetadata
        {
            BaseModelFingerprint = model.Fingerprint,
            BaseModel = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(model.Directory))),
            Length = options.Length,
            NumLayers = c.NumHiddenLayers,
            NumKeyValueHeads = c.NumKeyValueHeads,
            HeadDim = c.HeadDim,
            Reference = referenceInfo,
            Seed = options.Seed,
            HyperParameters = new PrefixHyperParameters(options.LearningRate, options.WeightDecay, options.MaxEpochs,
                options.Patience, options.BatchTokens, options.MaxTokens, options.ValidationFraction, "reference-token keys/values")
            {
                ContrastWeight = contrast is null ? 0 : options.ContrastWeight,
                ContrastScale = contrast is null ? null : options.ContrastScale,
                BackgroundWindows = contrast?.TrainingWindows ?? 0,
            },
            Epochs = epochs,
            ValidationNllBase = baseNll,
            ValidationNllPrefix = bestNll,
            ValidationHeldOut = heldOut,
            CrossValidation = crossValidation,
            BestEpoch = bestEpoch,
            WallTimeSeconds = clock.Elapsed.TotalSeconds,
            CreatedUtc = DateTimeOffset.UtcNow,
        };
        return new PrefixTrainingResult(new DomainPrefix(bestKeys, bestValues, metadata), baseNll, bestNll)
        {
            TrainingWindows = training.Count,
            TrainingTokens = trainingTokens,
        };
    }

    /// <summary>
    /// Trains a prefix initialised from <paramref name="training"/> for up to <paramref name="maxEpochs"/> epochs and
    /// keeps the state with the best objective on <paramref name="validation"/> (stopping after
    /// <paramref name="patience"/> epochs without improvement). <see cref="FitResult.Curve"/> holds the validation
    /// NLL after every epoch, epoch 0 being the initialisation.
    /// </summary>
    private FitResult Fit(LogLikelihoodEngine engine, List<int[]> training, List<int[]> validation, ContrastiveBackground? contrast,
        Random rng, int maxEpochs, int patience, string check, Action<string>? log, CancellationToken ct,
        Action<PrefixEpochProgress>? epochDone = null)
    {
        ct.ThrowIfCancellationRequested();
        var (initKeys, initValues) = InitialiseFromReference(training);
        using var keys = initKeys;
        using var values = initValues;
        using var keyParam = nn.Parameter(keys.clone(), requires_grad: true);
        using var valueParam = nn.Parameter(values.clone(), requires_grad: true);
        using var optimizer = optim.AdamW([keyParam, valueParam], lr: options.LearningRate, weight_decay: options.WeightDecay);

        var (best, bestNll, initialRatio) = Validate(engine, validation, contrast, keyParam, valueParam, ct);
        log?.Invoke($"epoch 0 (initialised from reference tokens): {check} {bestNll:F4}{Contrast(contrast, best, initialRatio)}");
        epochDone?.Invoke(new PrefixEpochProgress(0, maxEpochs, null, bestNll, false, null));
        var curve = new List<double> { bestNll };
        var bestKeys = keyParam.detach().clone();
        var bestValues = valueParam.detach().clone();
        var bestEpoch = 0;
        var epochs = new List<EpochRecord>();
        var stale = 0;
        var lengths = training.Select(d => d.Length).ToArray();
        try
        {
            for (var epoch = 1; epoch <= maxEpochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                var batches = LengthBuckets.Plan(lengths, options.BatchTokens).ToArray();
                rng.Shuffle(batches);
                double lossSum = 0;
                long tokenSum = 0;
                foreach (var batch in batches)
                {
                    ct.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    engine.RunBatch(training, lengths, batch, keyParam, valueParam, trackGradients: true, out var tokenLogProbs,
                        cancellationToken: ct);
                    var tokens = tokenLogProbs!.shape[0];
                    var loss = -tokenLogProbs.sum() / tokens;
                    var objective = contrast is null ? loss : loss + (options.ContrastWeight * contrast.NextLoss(keyParam, valueParam, ct));

                    // Checked again between the forward passes and the backward pass (the longest part of a step).
                    ct.ThrowIfCancellationRequested();
                    objective.backward();
                    nn.utils.clip_grad_norm_([keyParam, valueParam], 1.0);
                    optimizer.step();
                    lossSum += loss.item<float>() * tokens;
                    tokenSum += tokens;
                }

                var trainNll = lossSum / Math.Max(1, tokenSum);
                var (objectiveValue, validationNll, ratio) = Validate(engine, validation, contrast, keyParam, valueParam, ct);
                curve.Add(validationNll);
                epochs.Add(new EpochRecord(epoch, trainNll, validationNll, epochClock.Elapsed.TotalSeconds));
                log?.Invoke($"epoch {epoch}: train NLL {trainNll:F4} (during the epoch), {check} {validationNll:F4}"
                    + $"{Contrast(contrast, objectiveValue, ratio)} ({epochClock.Elapsed.TotalSeconds:F1}s)");
                epochDone?.Invoke(new PrefixEpochProgress(epoch, maxEpochs, trainNll, validationNll, false, epochClock.Elapsed.TotalSeconds));
                if (objectiveValue < best - 1e-6)
                {
                    best = objectiveValue;
                    bestNll = validationNll;
                    bestEpoch = epoch;
                    bestKeys.Dispose();
                    bestValues.Dispose();
                    bestKeys = keyParam.detach().clone();
                    bestValues = valueParam.detach().clone();
                    stale = 0;
                }
                else if (++stale >= patience)
                {
                    log?.Invoke($"early stop: no improvement for {patience} epochs");
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Cancelled part-way: the best state so far is dropped with the rest.
            bestKeys.Dispose();
            bestValues.Dispose();
            throw;
        }

        return new FitResult(bestKeys, bestValues, bestNll, bestEpoch, epochs, curve);
    }

    /// <summary>
    /// K-fold cross-validation of the epoch count: the documents (in <paramref name="shuffled"/> order) are dealt
    /// into <see cref="PrefixTrainingOptions.CrossValidationFolds"/> folds; for each fold a prefix is trained on the
    /// others for <see cref="PrefixTrainingOptions.MaxEpochs"/> epochs and the held-out fold's NLL is measured after
    /// every epoch. The chosen count is the epoch with the lowest NLL pooled over all held-out tokens.
    /// </summary>
    private PrefixCrossValidation CrossValidate(LogLikelihoodEngine engine, List<int[]> shuffled, CancellationToken ct)
    {
        var folds = options.CrossValidationFolds;
        var pooled = new double[options.MaxEpochs + 1];
        double baseSum = 0;
        long heldOutTokens = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var heldOutWindows = Windows(shuffled.Where((_, i) => i % folds == fold));
            var trainingWindows = Windows(shuffled.Where((_, i) => i % folds != fold));
            var tokens = heldOutWindows.Sum(w => (long)w.Length);
            var foldBase = Nll(engine.LogProbs(heldOutWindows, null, cancellationToken: ct));
            var foldRng = new Random(unchecked((int)options.Seed + fold + 1));
            var fit = Fit(engine, trainingWindows, heldOutWindows, null, foldRng, options.MaxEpochs, int.MaxValue, "held-out NLL", null, ct);
            fit.Keys.Dispose();
            fit.Values.Dispose();
            for (var epoch = 0; epoch < fit.Curve.Count; epoch++)
            {
                pooled[epoch] += fit.Curve[epoch] * tokens;
            }

            baseSum += foldBase * tokens;
            heldOutTokens += tokens;
            Log?.Invoke($"cross-validation fold {fold + 1}/{folds}: held-out NLL without prefix {foldBase:F4}, by epoch "
                + string.Join(" ", fit.Curve.Select(n => n.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))));
        }

        var curve = pooled.Select(s => s / Math.Max(1, heldOutTokens)).ToList();
        var chosen = Enumerable.Range(1, options.MaxEpochs).MinBy(e => curve[e]);
        var baseNll = baseSum / Math.Max(1, heldOutTokens);
        Log?.Invoke($"cross-validation over {folds} folds of {shuffled.Count} documents: held-out NLL without prefix {baseNll:F4}, "
            + $"lowest with prefix {curve[chosen]:F4} after {chosen} epochs; training {chosen} epochs on every document");
        return new PrefixCrossValidation(folds, shuffled.Count, baseNll, curve, chosen);
    }

    private sealed record FitResult(Tensor Keys, Tensor Values, double BestNll, int BestEpoch, List<EpochRecord> Epochs, List<double> Curve);

    /// <summary>
    /// Consecutive windows of <see cref="PrefixTrainingOptions.MaxTokens"/> tokens covering each document (the
    /// scoring window), so long reference documents contribute all their text rather than only their first window; a
    /// last window shorter than <see cref="PrefixTrainingOptions.MinWindowTokens"/> is dropped unless it is the
    /// document's only one.
    /// </summary>
    private List<int[]> Windows(IEnumerable<int[]> documents)
    {
        var windows = new List<int[]>();
        foreach (var ids in documents)
        {
            for (var start = 0; start < ids.Length; start += options.MaxTokens)
            {
                var end = Math.Min(ids.Length, start + options.MaxTokens);
                if (start == 0 || end - start >= options.MinWindowTokens)
                {
                    windows.Add(ids[start..end]);
                }
            }
        }

        return windows;
    }

    private static double Nll(DocumentLogProb[] results)
    {
        var tokens = results.Sum(r => (long)r.Tokens);
        return tokens == 0 ? 0 : -results.Sum(r => r.LogProb) / tokens;
    }

    /// <summary>
    /// The early-stopping objective (validation NLL, plus the weighted contrastive loss of the held-out background
    /// when there is one), the validation NLL and the background's mean per-token log-ratio.
    /// </summary>
    private (double Objective, double Nll, double BackgroundRatio) Validate(LogLikelihoodEngine engine, List<int[]> validation,
        ContrastiveBackground? contrast, Tensor keys, Tensor values, CancellationToken ct)
    {
        using var prefix = new DomainPrefix(keys.detach().clone(), values.detach().clone(), new PrefixMetadata());
        var nll = Nll(engine.LogProbs(validation, prefix, cancellationToken: ct));
        if (contrast is null)
        {
            return (nll, nll, 0);
        }

        var (loss, ratio) = contrast.Validate(prefix, ct);
        return (nll + (options.ContrastWeight * loss), nll, ratio);
    }

    private static string Contrast(ContrastiveBackground? contrast, double objective, double ratio) => contrast is null
        ? string.Empty
        : $", background log-ratio {ratio:F4} nats/token, objective {objective:F4}";

    /// <summary>
    /// The keys/values a real reference context produces, run through the frozen model at positions 0…P−1: the
    /// openings of the (shuffled) training documents one after another, each preceded by the start token as in
    /// scoring, <see cref="InitialBlockTokens"/> positions apiece, so a long prefix starts from several reference
    /// documents rather than one (a prefix up to one block long starts from the first document's opening).
    /// Further rounds take each document's next tokens when the documents are too few or too short.
    /// </summary>
    private (Tensor Keys, Tensor Values) InitialiseFromReference(List<int[]> training)
    {
        var p = options.Length;
        var span = InitialBlockTokens - 1;
        var context = new List<long>(p);
        var longest = training.Max(d => d.Length);
        for (var start = 0; context.Count < p && start < longest; start += span)
        {
            foreach (var doc in training.Where(d => d.Length > start))
            {
                context.Add(model.Config.StartTokenId);
                context.AddRange(doc.Skip(start).Take(Math.Min(span, p - context.Count)).Select(i => (long)i));
                if (context.Count >= p)
                {
                    break;
                }
            }
        }

        while (context.Count < p)
        {
            context.Add(model.Config.StartTokenId);
        }

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var capture = new List<(Tensor Keys, Tensor Values)>();
        var (cos, sin) = model.RotaryTables(0, p);
        var slots = arange(p, dtype: ScalarType.Int64, device: model.Device);
        var group = new AttentionGroup(slots, 1, p, slots, null);
        var inputs = new AttentionInputs(cos, sin, [group], null, null, capture);
        model.Network.HiddenStates(tensor(context.ToArray()).to(model.Device), inputs);
        var keys = stack(capture.Select(kv => kv.Keys.transpose(0, 1)).ToArray(), 0).to(ScalarType.Float32);
        var values = stack(capture.Select(kv => kv.Values.transpose(0, 1)).ToArray(), 0).to(ScalarType.Float32);
        foreach (var (k, v) in capture)
        {
            k.Dispose();
            v.Dispose();
        }

        return (keys.clone().MoveToOuterDisposeScope(), values.clone().MoveToOuterDisposeScope());
    }
}
