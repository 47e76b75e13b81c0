namespace Lamdas.Selection;

/// <summary>Joins scored documents with labels by id and computes an <see cref="EvaluationResult"/>.</summary>
public static class SelectionEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="documents"/> (in their given order, which fixes P@P tie-breaking) against
    /// <paramref name="labels"/> (id → in-domain). Documents whose id has no label are counted as unmatched and skipped.
    /// </summary>
    public static EvaluationResult Evaluate(
        IEnumerable<(string Id, double Score, bool Selected)> documents,
        IReadOnlyDictionary<string, bool> labels)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(labels);
        var scores = new List<double>();
        var truth = new List<bool>();
        var selected = new List<bool>();
        var unmatched = 0;
        foreach (var (id, score, isSelected) in documents)
        {
            if (!labels.TryGetValue(id, out var label))
            {
                unmatched++;
                continue;
            }

            scores.Add(score);
            truth.Add(label);
            selected.Add(isSelected);
        }

        var positives = truth.Count(l => l);
        var bothClasses = positives > 0 && positives < truth.Count;
        var (precision, recall) = SelectionMetrics.SelectedSet(selected, truth);
        return new EvaluationResult(
            truth.Count,
            positives,
            bothClasses ? SelectionMetrics.Auroc(scores, truth) : double.NaN,
            positives > 0 ? SelectionMetrics.PrecisionAtPositives(scores, truth) : double.NaN,
            selected.Count(s => s),
            precision,
            recall,
            unmatched);
    }
}
