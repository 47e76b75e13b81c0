using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Benchmarks;

/// <summary>
/// What the cascade's pilot would do on a large corpus with this corpus's mix of documents: pilots of the job's size
/// are drawn with replacement from the corpus (a bootstrap, so a pilot may be larger than the corpus), the cut is
/// chosen from each exactly as a job chooses it (the same lower bound, the same growth up to max_pilot), and the cut is
/// then applied to the whole corpus. The realised recall of plain LAMDAS's selection shows whether the bound holds
/// (the share of draws at or above the target should be at least the confidence); the pass rate is what a job's LLM
/// would read.
/// </summary>
public static class PilotSimulation
{
    public const int DefaultDraws = 200;

    public static PilotSimulationResult Run(IReadOnlyList<ScoreRow> plain, IReadOnlyList<ScoreRow> cascade, CascadeSpec spec, int draws = DefaultDraws, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(cascade);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        var stage1 = CascadeCurve.FirstStage(cascade);
        var first = plain.Select(r => stage1[(r.Source, r.Position)]).ToArray();
        var kept = plain.Select(r => r.Selected).ToArray();
        var selected = kept.Count(k => k);
        var needed = RecallBound.KeptNeeded(spec.Recall, spec.Confidence);
        var random = new Random(seed);
        double passSum = 0, recallSum = 0, minRecall = 1, sizeSum = 0;
        int covered = 0, uncut = 0;
        for (var d = 0; d < draws; d++)
        {
            var size = spec.PilotDocuments;
            CutChoice choice;
            while (true)
            {
                var picks = Enumerable.Range(0, size).Select(_ => random.Next(first.Length)).ToArray();
                choice = CascadeCut.Choose(picks.Select(i => first[i]).ToArray(), picks.Select(i => kept[i]).ToArray(), spec.Recall, spec.Confidence);
                if (choice.Cut is not null || choice.Kept >= needed || size >= spec.MaxPilotDocuments)
                {
                    break;
                }

                // The job's growth rule (CascadePilotRunner).
                var grown = choice.Kept == 0 ? (long)size * 10 : (long)Math.Ceiling(size * 1.25 * needed / choice.Kept);
                size = (int)Math.Min(spec.MaxPilotDocuments, Math.Max(grown, size + 1L));
            }

            sizeSum += size;
            double pass = 1, recall = 1;
            if (choice.Cut is { } cut)
            {
                pass = first.Count(s => s >= cut) / (double)first.Length;
                recall = selected == 0 ? 1 : Enumerable.Range(0, first.Length).Count(i => kept[i] && first[i] >= cut) / (double)selected;
            }
            else
            {
                uncut++;
            }

            passSum += pass;
            recallSum += recall;
            minRecall = Math.Min(minRecall, recall);
            covered += recall >= spec.Recall ? 1 : 0;
        }

        return new PilotSimulationResult(spec, draws, sizeSum / draws, passSum / draws, recallSum / draws, minRecall, (double)covered / draws, (double)uncut / draws);
    }
}
