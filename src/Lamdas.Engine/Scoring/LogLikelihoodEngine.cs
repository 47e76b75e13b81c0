using Lamdas.Engine.Batching;
using Lamdas.Engine.Model;
using Lamdas.Engine.Modules;
using Lamdas.Engine.Prefix;
using static TorchSharp.torch;

namespace Lamdas.Engine.Scoring;

/// <summary>
/// Computes log p(y | start[, prefix]) for tokenized documents in length-bucketed batches. Each document is
/// padded to its own bucket length, so its result does not depend on its batch-mates.
/// </summary>
public sealed class LogLikelihoodEngine
{
    private const long LogitsBudgetElements = 64L * 1024 * 1024;
    private readonly LanguageModel model;
    private readonly ScoringOptions options;

    public LogLikelihoodEngine(LanguageModel model, ScoringOptions options)
    {
        options.Validate();
        this.model = model;
        this.options = options;
    }

    public ScoringOptions Options => options;

    public LanguageModel Model => model;

    /// <summary>Tokenizes plain text and truncates it to <see cref="ScoringOptions.MaxTokens"/>.</summary>
    public int[] Tokenize(string text)
    {
        var ids = model.Tokenizer.Encode(text);
        var n = Math.Min(ids.Count, options.MaxTokens);
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ids[i];
        }

        return result;
    }

    /// <summary>Both passes for each document: without and with the prefix.</summary>
    public DocumentScore[] Score(IReadOnlyList<int[]> documents, DomainPrefix prefix)
    {
        var basePass = LogProbs(documents, null);
        var prefixPass = LogProbs(documents, prefix);
        var scores = new DocumentScore[documents.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new DocumentScore(basePass[i].Tokens, basePass[i].LogProb, prefixPass[i].LogProb);
        }

        return scores;
    }

    /// <summary>log p(y) per document (ids already truncated), optionally conditioned on a prefix.</summary>
    public DocumentLogProb[] LogProbs(IReadOnlyList<int[]> documents, DomainPrefix? prefix, BatchStatistics? statistics = null)
    {
        var results = new DocumentLogProb[documents.Count];
        var lengths = documents.Select(d => Math.Min(d.Length, options.MaxTokens)).ToArray();
        using var mode = inference_mode();
        foreach (var batch in LengthBuckets.Plan(lengths, options.BatchTokens))
        {
            var sums = RunBatch(documents, lengths, batch, prefix?.Keys, prefix?.Values, trackGradients: false);
            for (var i = 0; i < batch.Members.Length; i++)
            {
                var doc = batch.Members[i];
                results[doc] = new DocumentLogProb(lengths[doc], sums[i]);
            }

            statistics?.Add(batch.Members.Length * batch.PaddedLength, batch.Members.Sum(m => lengths[m]));
        }

        return results;
    }

    /// <summary>
    /// Forward pass of one batch returning per-member sums of token log-probs (float64, summed in token order).
    /// With <paramref name="trackGradients"/> the per-token log-probs stay in the graph and are returned through
    /// <paramref name="tokenLogProbs"/> for a loss.
    /// </summary>
    internal double[] RunBatch(IReadOnlyList<int[]> documents, int[] lengths, PlannedBatch batch, Tensor? prefixKeys,
        Tensor? prefixValues, bool trackGradients) => RunBatch(documents, lengths, batch, prefixKeys, prefixValues, trackGradients, out _);

    internal double[] RunBatch(IReadOnlyList<int[]> documents, int[] lengths, PlannedBatch batch, Tensor? prefixKeys,
        Tensor? prefixValues, bool trackGradients, out Tensor? tokenLogProbs)
    {
        using var scope = NewDisposeScope();
        var rows = batch.Members.Length;
        var width = batch.PaddedLength;
        var start = model.Config.StartTokenId;
        var input = new long[rows * width];
        var targets = new List<long>();
        var positions = new List<long>();
        for (var r = 0; r < rows; r++)
        {
            var ids = documents[batch.Members[r]];
            var n = lengths[batch.Members[r]];
            input[r * width] = start;
            for (var t = 1; t < width; t++)
            {
                input[(r * width) + t] = t < n ? ids[t - 1] : start;
            }

            for (var t = 0; t < n; t++)
            {
                positions.Add((r * width) + t);
                targets.Add(ids[t]);
            }
        }

        var device = model.Device;
        var prefixLength = prefixKeys is null ? 0 : prefixKeys.shape[2];
        var inputs = AttentionFor(width, prefixLength, prefixKeys, prefixValues);
        var hidden = model.Network.HiddenStates(tensor(input, [rows, width]).to(device), inputs);
        var flat = hidden.reshape(rows * width, hidden.shape[2]);
        var selected = flat.index_select(0, tensor(positions.ToArray()).to(device));
        var targetIds = tensor(targets.ToArray()).to(device);
        var logProbs = TokenLogProbs(selected, targetIds);

        var values = logProbs.detach().to(ScalarType.Float32, CPU).data<float>().ToArray();
        var sums = new double[rows];
        var k = 0;
        for (var r = 0; r < rows; r++)
        {
            var n = lengths[batch.Members[r]];
            double sum = 0;
            for (var t = 0; t < n; t++)
            {
                sum += values[k++];
            }

            sums[r] = sum;
        }

        tokenLogProbs = trackGradients ? logProbs.MoveToOuterDisposeScope() : null;
        return sums;
    }

    private AttentionInputs AttentionFor(int width, long prefixLength, Tensor? keys, Tensor? values)
    {
        var (cos, sin) = model.RotaryTables(prefixLength, width);
        if (keys is null || prefixLength == 0)
        {
            return new AttentionInputs(cos, sin, null, null, null);
        }

        var causal = ones(width, width, dtype: ScalarType.Bool, device: model.Device).tril();
        var mask = cat([ones(width, prefixLength, dtype: ScalarType.Bool, device: model.Device), causal], 1);
        return new AttentionInputs(cos, sin, mask, keys, values);
    }

    /// <summary>log softmax(h · Wᵀ)[target] per row, computing the logits in row chunks.</summary>
    private Tensor TokenLogProbs(Tensor hidden, Tensor targets)
    {
        var head = model.Network.HeadWeight;
        var total = hidden.shape[0];
        var chunk = options.HeadChunkRows > 0
            ? options.HeadChunkRows
            : Math.Max(16, LogitsBudgetElements / model.Config.VocabSize);
        var pieces = new List<Tensor>();
        for (long s = 0; s < total; s += chunk)
        {
            var count = Math.Min(chunk, total - s);
            var logits = hidden.narrow(0, s, count).matmul(head.t()).to(ScalarType.Float32);
            var normaliser = logits.logsumexp(1);
            var picked = logits.gather(1, targets.narrow(0, s, count).unsqueeze(1)).squeeze(1);
            pieces.Add(picked - normaliser);
        }

        return pieces.Count == 1 ? pieces[0] : cat(pieces, 0);
    }
}
