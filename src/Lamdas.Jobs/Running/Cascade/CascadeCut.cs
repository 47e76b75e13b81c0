namespace Lamdas.Jobs.Running;

/// <summary>
/// Chooses the first stage's cut from a pilot: the highest cut (a candidate passes when its first-stage score is at
/// least the cut) whose recall of the pilot documents plain LAMDAS keeps has a lower confidence bound of at least the
/// target. Null when no cut can show the target (no kept documents, or too few to bound the recall that high).
/// </summary>
public static class CascadeCut
{
    public static CutChoice Choose(IReadOnlyList<double> stage1, IReadOnlyList<bool> kept, double recall, double confidence)
    {
        ArgumentNullException.ThrowIfNull(stage1);
        ArgumentNullException.ThrowIfNull(kept);
        if (stage1.Count != kept.Count)
        {
            throw new ArgumentException("one kept flag per pilot document", nameof(kept));
        }

        var keptScores = stage1.Where((_, i) => kept[i]).OrderDescending().ToArray();
        var n = keptScores.Length;
        for (var j = 0; j < n; j++)
        {
            // Ties pass together: the cut at this score keeps every kept document scoring at least as high.
            var cut = keptScores[j];
            while (j + 1 < n && keptScores[j + 1] == cut)
            {
                j++;
            }

            var hits = j + 1;
            var lower = RecallBound.Lower(hits, n, confidence);
            if (lower >= recall)
            {
                var passing = stage1.Count(s => s >= cut);
                return new CutChoice(cut, n, hits, (double)hits / n, lower, (double)passing / stage1.Count);
            }
        }

        return new CutChoice(null, n, n, n == 0 ? 0 : 1, RecallBound.Lower(n, n, confidence), 1);
    }
}
