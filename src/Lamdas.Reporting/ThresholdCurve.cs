namespace Lamdas.Reporting;

/// <summary>Precision and recall of the rule "keep a document whose score exceeds t", for every useful threshold t.</summary>
public static class ThresholdCurve
{
    /// <summary>Most points a curve keeps by default (an evenly spaced subset beyond it, the first and last always in).</summary>
    public const int DefaultMaxPoints = 400;

    /// <summary>
    /// One point per distinct finite score t, by increasing t: the documents scoring strictly above t are kept, and
    /// their precision and recall (against every labelled positive with a finite score) are the point's. A threshold
    /// that keeps nothing (the highest score) has no precision and no point. Non-finite scores are left out.
    /// </summary>
    public static IReadOnlyList<ReportCurvePoint> Build(IEnumerable<(double Score, bool Positive)> documents, int maxPoints = DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        var sorted = documents.Where(d => double.IsFinite(d.Score)).OrderByDescending(d => d.Score).ToArray();
        var positives = sorted.Count(d => d.Positive);
        var points = new List<ReportCurvePoint>();
        long kept = 0, truePositives = 0;
        for (var i = 0; i < sorted.Length;)
        {
            var score = sorted[i].Score;
            if (kept > 0)
            {
                points.Add(new ReportCurvePoint(score, truePositives / (double)kept, positives == 0 ? 0 : truePositives / (double)positives, kept));
            }

            for (; i < sorted.Length && sorted[i].Score == score; i++)
            {
                kept++;
                truePositives += sorted[i].Positive ? 1 : 0;
            }
        }

        points.Reverse();
        return points.Count <= maxPoints ? points : [.. Enumerable.Range(0, maxPoints).Select(i => points[(int)Math.Round(i * (points.Count - 1) / (double)(maxPoints - 1))])];
    }
}
