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
    private readonly LogLikelihoodEngine _engine;
    private readonly double _scale;
    private readonly List<int[]> _training;
    private readonly int[] _trainingLengths;
    private readonly double[] _trainingBase;
    private readonly List<int[]> _validation;
    private readonly double[] _validationBase;
    private readonly IReadOnlyList<PlannedBatch> _batches;
    private readonly Random _rng;
    private int[] _order;
    private int _next;

    /// <remarks>The base log-likelihoods of the sample are computed here, batch by batch (each batch checks <paramref name="ct"/>).</remarks>
    public ContrastiveBackground(LogLikelihoodEngine engine, IReadOnlyList<int[]> documents, PrefixTrainingOptions options, Random rng,
        CancellationToken ct)
    {
        this._engine = engine;
        this._rng = rng;
        _scale = options.ContrastScale;
        var windows = documents.Where(d => d.Length > 0).Select(d => d.Length > options.MaxTokens ? d[..options.MaxTokens] : d)
            .Take(options.MaxBackgroundDocuments).ToList();
        var shuffled = windows.ToArray();
        rng.Shuffle(shuffled);
        var validationCount = options.HeldOutCount(shuffled.Length);
        _validation = shuffled.Take(validationCount).ToList();
        _training = shuffled.Skip(validationCount).ToList();
        if (_validation.Count == 0)
        {
            _validation = _training;
        }

        _trainingLengths = _training.Select(w => w.Length).ToArray();
        _trainingBase = engine.LogProbs(_training, null, cancellationToken: ct).Select(r => r.LogProb).ToArray();
        _validationBase = ReferenceEquals(_validation, _training)
            ? _trainingBase
            : engine.LogProbs(_validation, null, cancellationToken: ct).Select(r => r.LogProb).ToArray();
        _batches = LengthBuckets.Plan(_trainingLengths, options.BatchTokens);
        _order = Enumerable.Range(0, _batches.Count).ToArray();
        rng.Shuffle(_order);
    }

    public int TrainingWindows => _training.Count;

    public int ValidationWindows => _validation.Count;

    public long TrainingTokens => _trainingLengths.Sum(l => (long)l);

    /// <summary>The contrastive loss of the next background batch (batches are visited in a reshuffled cycle).</summary>
    public Tensor NextLoss(Tensor keys, Tensor values, CancellationToken ct)
    {
        if (_next == _order.Length)
        {
            _rng.Shuffle(_order);
            _next = 0;
        }

        var batch = _batches[_order[_next++]];
        _engine.RunBatch(_training, _trainingLengths, batch, keys, values, trackGradients: true, out var tokenLogProbs, cancellationToken: ct);
        var members = batch.Members;
        var segments = new long[tokenLogProbs!.shape[0]];
        var baseSums = new float[members.Length];
        var counts = new float[members.Length];
        var k = 0;
        for (var r = 0; r < members.Length; r++)
        {
            var n = _trainingLengths[members[r]];
            Array.Fill(segments, r, k, n);
            k += n;
            baseSums[r] = (float)_trainingBase[members[r]];
            counts[r] = n;
        }

        var device = tokenLogProbs.device;
        var sums = zeros(members.Length, dtype: tokenLogProbs.dtype, device: device)
            .index_add(0, tensor(segments).to(device), tokenLogProbs, 1.0);
        var meanRatio = (sums - tensor(baseSums).to(device)) / tensor(counts).to(device);
        return nn.functional.softplus(meanRatio * _scale).mean() / _scale;
    }

    /// <summary>
    /// The contrastive loss over the held-out background windows with <paramref name="prefix"/>, and their mean
    /// per-token log-ratio.
    /// </summary>
    public (double Loss, double MeanRatio) Validate(DomainPrefix prefix, CancellationToken ct)
    {
        var results = _engine.LogProbs(_validation, prefix, cancellationToken: ct);
        double loss = 0;
        double ratio = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var m = (results[i].LogProb - _validationBase[i]) / Math.Max(1, results[i].Tokens);
            loss += Softplus(_scale * m) / _scale;
            ratio += m;
        }

        var count = Math.Max(1, results.Length);
        return (loss / count, ratio / count);
    }

    private static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));
}
