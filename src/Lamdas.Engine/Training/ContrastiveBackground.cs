using Lamdas.Engine.Batching;
using Lamdas.Engine.Prefix;
using Lamdas.Engine.Scoring;
using static TorchSharp.torch;

namespace Lamdas.Engine.Training;

/// <summary>
/// The contrastive term of prefix training: a sample of the candidate pool whose score (the per-token log-ratio
/// log p(y | C) − log p(y), averaged over the window) is pushed below zero through softplus(k·m)/k. The base
/// log-likelihoods do not change while the model is frozen, so they are computed once.
/// </summary>
internal sealed class ContrastiveBackground
{
    private readonly LogLikelihoodEngine engine;
    private readonly double scale;
    private readonly List<int[]> training;
    private readonly int[] trainingLengths;
    private readonly double[] trainingBase;
    private readonly List<int[]> validation;
    private readonly double[] validationBase;
    private readonly IReadOnlyList<PlannedBatch> batches;
    private readonly Random rng;
    private int[] order;
    private int next;

    /// <remarks>The base log-likelihoods of the sample are computed here, batch by batch (each batch checks <paramref name="ct"/>).</remarks>
    public ContrastiveBackground(LogLikelihoodEngine engine, IReadOnlyList<int[]> documents, PrefixTrainingOptions options, Random rng,
        CancellationToken ct)
    {
        this.engine = engine;
        this.rng = rng;
        scale = options.ContrastScale;
        var windows = documents.Where(d => d.Length > 0).Select(d => d.Length > options.MaxTokens ? d[..options.MaxTokens] : d)
            .Take(options.MaxBackgroundDocuments).ToList();
        var shuffled = windows.ToArray();
        rng.Shuffle(shuffled);
        var validationCount = options.HeldOutCount(shuffled.Length);
        validation = shuffled.Take(validationCount).ToList();
        training = shuffled.Skip(validationCount).ToList();
        if (validation.Count == 0)
        {
            validation = training;
        }

        trainingLengths = training.Select(w => w.Length).ToArray();
        trainingBase = engine.LogProbs(training, null, cancellationToken: ct).Select(r => r.LogProb).ToArray();
        validationBase = ReferenceEquals(validation, training)
            ? trainingBase
            : engine.LogProbs(validation, null, cancellationToken: ct).Select(r => r.LogProb).ToArray();
        batches = LengthBuckets.Plan(trainingLengths, options.BatchTokens);
        order = Enumerable.Range(0, batches.Count).ToArray();
        rng.Shuffle(order);
    }

    public int TrainingWindows => training.Count;

    public int ValidationWindows => validation.Count;

    public long TrainingTokens => trainingLengths.Sum(l => (long)l);

    /// <summary>The contrastive loss of the next background batch (batches are visited in a reshuffled cycle).</summary>
    public Tensor NextLoss(Tensor keys, Tensor values, CancellationToken ct)
    {
        if (next == order.Length)
        {
            rng.Shuffle(order);
            next = 0;
        }

        var batch = batches[order[next++]];
        engine.RunBatch(training, trainingLengths, batch, keys, values, trackGradients: true, out var tokenLogProbs, cancellationToken: ct);
        var members = batch.Members;
        var segments = new long[tokenLogProbs!.shape[0]];
        var baseSums = new float[members.Length];
        var counts = new float[members.Length];
        var k = 0;
        for (var r = 0; r < members.Length; r++)
        {
            var n = trainingLengths[members[r]];
            Array.Fill(segments, r, k, n);
            k += n;
            baseSums[r] = (float)trainingBase[members[r]];
            counts[r] = n;
        }

        var device = tokenLogProbs.device;
        var sums = zeros(members.Length, dtype: tokenLogProbs.dtype, device: device)
            .index_add(0, tensor(segments).to(device), tokenLogProbs, 1.0);
        var meanRatio = (sums - tensor(baseSums).to(device)) / tensor(counts).to(device);
        return nn.functional.softplus(meanRatio * scale).mean() / scale;
    }

    /// <summary>
    /// The contrastive loss over the held-out background windows with <paramref name="prefix"/>, and their mean
    /// per-token log-ratio.
    /// </summary>
    public (double Loss, double MeanRatio) Validate(DomainPrefix prefix, CancellationToken ct)
    {
        var results = engine.LogProbs(validation, prefix, cancellationToken: ct);
        double loss = 0;
        double ratio = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var m = (results[i].LogProb - validationBase[i]) / Math.Max(1, results[i].Tokens);
            loss += Softplus(scale * m) / scale;
            ratio += m;
        }

        var count = Math.Max(1, results.Length);
        return (loss / count, ratio / count);
    }

    private static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));
}
