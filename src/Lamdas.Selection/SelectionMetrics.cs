namespace Lamdas.Selection;

/// <summary>Evaluation of a scoring against in-domain labels (true = in-domain).</summary>
public static class SelectionMetrics
{
    /// <summary>
    /// Area under the ROC curve, computed as the Mann–Whitney statistic: the fraction of (positive, negative) pairs in
    /// which the positive scores higher, a tie counting 0.5. O(n log n) via average ranks.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or either class is empty.</exception>
    public static double Auroc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Validate(scores, labels);
        long positives = labels.Count(l => l);
        long negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("AUROC needs at least one positive and one negative label.", nameof(labels));
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        // Sum over positives of the (1-based, tie-averaged) rank, doubled to stay in integers.
        long twiceRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            long twiceAverageRank = (start + 1) + (end + 1);
            for (var j = start; j <= end; j++)
            {
                if (labels[order[j]])
                {
                    twiceRankSum += twiceAverageRank;
                }
            }

            start = end + 1;
        }

        var u = twiceRankSum / 2.0 - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// Fraction of in-domain documents among the k highest-scored. Ties are broken by index: among equal scores the
    /// document that comes first in the list ranks higher (a stable descending sort).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in 1..n.</exception>
    public static double PrecisionAtK(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int k)
    {
        Validate(scores, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, scores.Count);
        var top = Enumerable.Range(0, scores.Count)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(k);
        return top.Count(i => labels[i]) / (double)k;
    }

    /// <summary>P@P: <see cref="PrecisionAtK"/> with k = the number of in-domain documents (equals R-precision).</summary>
    /// <exception cref="ArgumentException">There is no in-domain document.</exception>
    public static double PrecisionAtPositives(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            throw new ArgumentException("P@P needs at least one positive label.", nameof(labels));
        }

        return PrecisionAtK(scores, labels, positives);
    }

    /// <summary>
    /// Precision and recall of a selected subset. Precision is 0 when nothing is selected; recall is 0 when there is
    /// no in-domain document.
    /// </summary>
    public static (double Precision, double Recall) SelectedSet(IReadOnlyList<bool> selected, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(labels);
        if (selected.Count != labels.Count)
        {
            throw new ArgumentException($"{selected.Count} selection flags but {labels.Count} labels.", nameof(labels));
        }

        long chosen = 0, positives = 0, truePositives = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            chosen += selected[i] ? 1 : 0;
            positives += labels[i] ? 1 : 0;
            truePositives += selected[i] && labels[i] ? 1 : 0;
        }

        var precision = chosen == 0 ? 0.0 : truePositives / (double)chosen;
        var recall = positives == 0 ? 0.0 : truePositives / (double)positives;
        return (precision, recall);
    }

    private static void Validate(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels.", nameof(labels));
        }

        if (scores.Any(double.IsNaN))
        {
            throw new ArgumentException("Scores must not be NaN.", nameof(scores));
        }
    }
}
