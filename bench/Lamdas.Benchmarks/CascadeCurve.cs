using Lamdas.Formats;
using Lamdas.Jobs.Running;

namespace Lamdas.Benchmarks;

/// <summary>
/// The cascade's quality/cost curve over a whole corpus, as a pilot of unbounded size would see it: for each recall
/// target, the highest first-stage cut that keeps that share of the view's plain LAMDAS selection (point estimate, so
/// the curve shows what the cut costs, not the pilot's uncertainty), the share of documents it lets through, and the
/// selection quality of the cascade's ranking (LAMDAS scores above the cut, first-stage order below it).
/// </summary>
public static class CascadeCurve
{
    public static IReadOnlyList<double> Targets { get; } = [0.9, 0.95, 0.98, 0.99, 0.995, 1.0];

    /// <summary>One point per target: the cut, its pass rate, and precision@P / AUROC when labels are given.</summary>
    public static IReadOnlyList<CurvePoint> Compute(IReadOnlyList<ScoreRow> plain, IReadOnlyList<ScoreRow> cascade, IReadOnlyDictionary<string, bool>? labels)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(cascade);
        var stage1 = FirstStage(cascade);
        var first = plain.Select(r => stage1[(r.Source, r.Position)]).ToList();
        var kept = plain.Select(r => r.Selected).ToList();
        var points = new List<CurvePoint>();
        foreach (var target in Targets)
        {
            // Confidence 0.5 makes the lower bound the point estimate.
            var choice = CascadeCut.Choose(first, kept, target == 1.0 ? 1 - 1e-12 : target, 0.5);
            var cut = choice.Cut ?? double.NegativeInfinity;
            var ranked = plain.Select((r, i) => first[i] >= cut
                ? r with { Stage1Score = first[i] }
                : r with { Stage1Score = first[i], Score = double.NaN, LogProbBase = double.NaN, LogProbPrefix = double.NaN, Selected = false }).ToList();
            var evaluation = labels is null ? null : ScoreEvaluation.Evaluate(ranked, labels);
            points.Add(new CurvePoint(target, choice.Cut, choice.Recall, choice.PassRate, evaluation));
        }

        return points;
    }

    /// <summary>
    /// The cascade run's first-stage score of each record, by where it was read (source and position): ids need not be
    /// unique in a corpus, and both runs read the same input.
    /// </summary>
    internal static Dictionary<(string Source, long Position), double> FirstStage(IReadOnlyList<ScoreRow> cascade) =>
        cascade.ToDictionary(r => (r.Source, r.Position), r => r.Stage1Score ?? throw new ArgumentException("the cascade run's rows need first-stage scores", nameof(cascade)));
}
