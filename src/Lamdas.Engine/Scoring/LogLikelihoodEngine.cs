using Lamdas.Engine.Batching;
using Lamdas.Engine.Model;
using Lamdas.Engine.Modules;
using Lamdas.Engine.Prefix;
using static TorchSharp.torch;

namespace Lamdas.Engine.Scoring;

/// <summary>
/// Computes log p(y | start[, prefix]) for tokenized documents in batches. Dense layers run on the packed real
/// tokens; attention pads each document to its own length bucket, so a result does not depend on its batch-mates.
/// </summary>
public sealed class LogLikelihoodEngine
{
    private const long LogitsBudgetElements = 16L * 1024 * 1024;
    private readonly LanguageModel _model;
    private readonly ScoringOptions _options;

    public LogLikelihoodEngine(LanguageModel model, ScoringOptions options)
    {
        options.Validate();
        this._model = model;
        this._options = options;
    }

    public ScoringOptions Options => _options;

    public LanguageModel Model => _model;

    /// <summary>Tokenizes plain text and truncates it to <see cref="ScoringOptions.MaxTokens"/>.</summary>
    public int[] Tokenize(string text) => Tokenize(text, _options.MaxTokens);

    /// <summary>Tokenizes plain text and truncates it to <paramref name="maxTokens"/>.</summary>
    public int[] Tokenize(string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        var ids = _model.Tokenizer.Encode(text);
        var n = Math.Min(ids.Count, maxTokens);
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ids[i];
        }

        return result;
    }

    /// <summary>
    /// Both passes for each document: without and with the prefix. With <paramref name="contextLengths"/>, the first
    /// tokens of a document are conditioning context only (e.g. an SFT prompt) and are not counted.
    /// </summary>
    /// <remarks>
    /// With <see cref="ScoringOptions.WindowTokens"/> = N &gt; 0 each pass also scores the document's windows of N tokens,
    /// each from a fresh start as if it began a document, and the returned log-probs are the sums over the two views
    /// (whole context + windows). A base model that has read a few hundred tokens of a document already knows its domain,
    /// so in the whole view the prefix adds little after the opening; in the windowed view every window asks again
    /// whether the prefix's domain explains the text. The first window is the whole view's first N tokens in the same
    /// context, so it is taken from the whole-view pass rather than computed again.
    /// <paramref name="cancellationToken"/> is checked before every batch (<see cref="OperationCanceledException"/>).
    /// </remarks>
    public DocumentScore[] Score(IReadOnlyList<int[]> documents, DomainPrefix prefix, IReadOnlyList<int>? contextLengths = null,
        CancellationToken cancellationToken = default)
    {
        var basePass = PassLogProbs(documents, null, contextLengths, cancellationToken);
        var prefixPass = PassLogProbs(documents, prefix, contextLengths, cancellationToken);
        var scores = new DocumentScore[documents.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new DocumentScore(basePass[i].Tokens, basePass[i].LogProb, prefixPass[i].LogProb);
        }

        return scores;
    }

    /// <summary>
    /// One of <see cref="Score"/>'s two passes on its own: log p(y) without (<paramref name="prefix"/> null) or with the
    /// prefix, summed over the whole-context view and, with <see cref="ScoringOptions.WindowTokens"/> &gt; 0, the windowed
    /// view. The same documents in the same order, under the same options, model and thread count, give the same bits
    /// (a document's result can differ in its last bits with other batch-mates).
    /// </summary>
    public DocumentLogProb[] PassLogProbs(IReadOnlyList<int[]> documents, DomainPrefix? prefix, IReadOnlyList<int>? contextLengths,
        CancellationToken cancellationToken)
    {
        var window = _options.WindowTokens;
        if (window <= 0)
        {
            return LogProbs(documents, prefix, null, contextLengths, 0, null, cancellationToken);
        }

        // The windowed view starts as each document's first window, summed during the whole-context pass.
        var windowed = new double[documents.Count];
        var whole = LogProbs(documents, prefix, null, contextLengths, window, windowed, cancellationToken);

        // Windows after the first, as documents of their own; tokens of a window that fall inside the
        // document's conditioning context stay uncounted (the window still reads them).
        var pieces = new List<int[]>();
        var owners = new List<int>();
        var pieceContexts = new List<int>();
        for (var d = 0; d < documents.Count; d++)
        {
            var length = Math.Min(documents[d].Length, _options.MaxTokens);
            var context = contextLengths is null ? 0 : contextLengths[d];
            for (var start = window; start < length; start += window)
            {
                pieces.Add(documents[d][start..Math.Min(length, start + window)]);
                owners.Add(d);
                pieceContexts.Add(Math.Max(0, context - start));
            }
        }

        var later = LogProbs(pieces, prefix, null, contextLengths is null ? null : pieceContexts, 0, null, cancellationToken);
        for (var p = 0; p < pieces.Count; p++)
        {
            windowed[owners[p]] += later[p].LogProb;
        }

        var results = new DocumentLogProb[documents.Count];
        for (var d = 0; d < results.Length; d++)
        {
            results[d] = new DocumentLogProb(whole[d].Tokens, whole[d].LogProb + windowed[d]);
        }

        return results;
    }

    /// <summary>
    /// log p(y) per document (ids already truncated), optionally conditioned on a prefix;
    /// <paramref name="cancellationToken"/> is checked before every batch (<see cref="OperationCanceledException"/>).
    /// </summary>
    public DocumentLogProb[] LogProbs(IReadOnlyList<int[]> documents, DomainPrefix? prefix, BatchStatistics? statistics = null,
        IReadOnlyList<int>? contextLengths = null, CancellationToken cancellationToken = default) =>
        LogProbs(documents, prefix, statistics, contextLengths, 0, null, cancellationToken);

    /// <summary>As above; with <paramref name="headTokens"/> &gt; 0 also the sum over each document's first that many tokens.</summary>
    private DocumentLogProb[] LogProbs(IReadOnlyList<int[]> documents, DomainPrefix? prefix, BatchStatistics? statistics,
        IReadOnlyList<int>? contextLengths, int headTokens, double[]? heads, CancellationToken cancellationToken)
    {
        var results = new DocumentLogProb[documents.Count];
        var lengths = documents.Select(d => Math.Min(d.Length, _options.MaxTokens)).ToArray();
        using var mode = inference_mode();
        foreach (var batch in LengthBuckets.Plan(lengths, _options.BatchTokens))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batchHeads = heads is null ? null : new double[batch.Members.Length];
            var sums = RunBatch(documents, lengths, batch, prefix?.Keys, prefix?.Values, trackGradients: false, out _, contextLengths,
                headTokens, batchHeads, cancellationToken);
            for (var i = 0; i < batch.Members.Length; i++)
            {
                var doc = batch.Members[i];
                var context = contextLengths is null ? 0 : Math.Min(contextLengths[doc], lengths[doc]);
                results[doc] = new DocumentLogProb(lengths[doc] - context, sums[i]);
                if (heads is not null)
                {
                    heads[doc] = batchHeads![i];
                }
            }

            statistics?.Add(batch.PaddedTokens, batch.Members.Sum(m => lengths[m]));
        }

        return results;
    }

    /// <summary>One batch's per-member sums of token log-probs, without the per-token tensor.</summary>
    internal double[] RunBatch(IReadOnlyList<int[]> documents, int[] lengths, PlannedBatch batch, Tensor? prefixKeys,
        Tensor? prefixValues, bool trackGradients) => RunBatch(documents, lengths, batch, prefixKeys, prefixValues, trackGradients, out _);

    /// <summary>
    /// Forward pass of one batch returning per-member sums of token log-probs (float64, summed in token order).
    /// With <paramref name="trackGradients"/> the per-token log-probs stay in the graph and are returned through
    /// <paramref name="tokenLogProbs"/> for a loss. The cancellation token is checked before every layer and every
    /// chunk of the output head, so even a large batch stops within a fraction of its time.
    /// </summary>
    internal double[] RunBatch(IReadOnlyList<int[]> documents, int[] lengths, PlannedBatch batch, Tensor? prefixKeys,
        Tensor? prefixValues, bool trackGradients, out Tensor? tokenLogProbs, IReadOnlyList<int>? contextLengths = null,
        int headTokens = 0, double[]? headSums = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.Apply(_model.Threads);
        using var scope = NewDisposeScope();
        var device = _model.Device;
        var members = batch.Members;
        var total = members.Sum(m => lengths[m]);
        var prefixLength = prefixKeys is null ? 0 : (int)prefixKeys.shape[2];
        var input = new long[total];
        var targets = new long[total];
        var positions = new long[total];
        var rowStart = new int[members.Length];
        var k = 0;
        for (var r = 0; r < members.Length; r++)
        {
            var ids = documents[members[r]];
            var n = lengths[members[r]];
            rowStart[r] = k;
            for (var t = 0; t < n; t++)
            {
                input[k + t] = t == 0 ? _model.Config.StartTokenId : ids[t - 1];
                targets[k + t] = ids[t];
                positions[k + t] = prefixLength + t;
            }

            k += n;
        }

        var groups = new List<AttentionGroup>();
        for (var first = 0; first < members.Length;)
        {
            var last = first;
            while (last + 1 < members.Length && batch.PaddedLengths[last + 1] == batch.PaddedLengths[first])
            {
                last++;
            }

            groups.Add(Group(lengths, members, rowStart, first, last, batch.PaddedLengths[first], prefixLength));
            first = last + 1;
        }

        var (cosTable, sinTable) = _model.RotaryTables(0, prefixLength + batch.PaddedLengths.Max());
        var positionIndex = tensor(positions).to(device);
        var inputs = new AttentionInputs(cosTable.index_select(0, positionIndex), sinTable.index_select(0, positionIndex),
            groups, prefixKeys, prefixValues, Cancellation: cancellationToken);
        var hidden = _model.Network.HiddenStates(tensor(input).to(device), inputs);
        var logProbs = TokenLogProbs(hidden, tensor(targets).to(device), cancellationToken);

        var values = logProbs.detach().to(ScalarType.Float32, CPU).data<float>().ToArray();
        var sums = new double[members.Length];
        k = 0;
        for (var r = 0; r < members.Length; r++)
        {
            double sum = 0;
            double head = 0;
            var context = contextLengths is null ? 0 : contextLengths[members[r]];
            for (var t = 0; t < lengths[members[r]]; t++, k++)
            {
                if (t >= context)
                {
                    sum += values[k];
                    if (t < headTokens)
                    {
                        head += values[k];
                    }
                }
            }

            sums[r] = sum;
            if (headSums is not null)
            {
                headSums[r] = head;
            }
        }

        tokenLogProbs = trackGradients ? logProbs.MoveToOuterDisposeScope() : null;
        return sums;
    }

    private AttentionGroup Group(int[] lengths, int[] members, int[] rowStart, int first, int last, int width, int prefixLength)
    {
        var rows = last - first + 1;
        var slots = new long[rows * width];
        var real = new List<long>();
        for (var r = 0; r < rows; r++)
        {
            var n = lengths[members[first + r]];
            for (var t = 0; t < width; t++)
            {
                slots[(r * width) + t] = rowStart[first + r] + Math.Min(t, n - 1);
                if (t < n)
                {
                    real.Add((r * width) + t);
                }
            }
        }

        Tensor? mask = null;
        if (prefixLength > 0)
        {
            var causal = ones(width, width, dtype: ScalarType.Bool, device: _model.Device).tril();
            mask = cat([ones(width, prefixLength, dtype: ScalarType.Bool, device: _model.Device), causal], 1);
        }

        return new AttentionGroup(tensor(slots).to(_model.Device), rows, width, tensor(real.ToArray()).to(_model.Device), mask);
    }

    /// <summary>log softmax(h · Wᵀ)[target] per row, computing the logits in row chunks.</summary>
    private Tensor TokenLogProbs(Tensor hidden, Tensor targets, CancellationToken cancellationToken)
    {
        var head = _model.Network.HeadWeight;
        var total = hidden.shape[0];
        var chunk = _options.HeadChunkRows > 0
            ? _options.HeadChunkRows
            : Math.Max(16, LogitsBudgetElements / _model.Config.VocabSize);
        var pieces = new List<Tensor>();
        for (long s = 0; s < total; s += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(chunk, total - s);
            var logits = hidden.narrow(0, s, count).matmul(head.t());
            pieces.Add(PickedLogProbs(logits, targets.narrow(0, s, count)));
        }

        return pieces.Count == 1 ? pieces[0] : cat(pieces, 0);
    }

    /// <summary>
    /// log softmax(logits)[target] per row, in float32 whatever the logits' dtype: the layers may compute in bfloat16
    /// or float16, but the normaliser sums over the whole vocabulary, which a reduced-precision reduction would get
    /// visibly wrong (bfloat16 keeps 8 significant bits: a log-sum-exp near 10 is rounded to a step of 1/16).
    /// </summary>
    internal static Tensor PickedLogProbs(Tensor logits, Tensor targets)
    {
        var wide = logits.dtype == ScalarType.Float32 ? logits : logits.to(ScalarType.Float32);
        var normaliser = wide.logsumexp(1);
        var picked = wide.gather(1, targets.unsqueeze(1)).squeeze(1);
        return picked - normaliser;
    }
}
