using Lamdas.Formats;
using Lamdas.Selection;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Joins a job's score files with labels and computes ranking and selection metrics.</summary>
public static class ScoreEvaluation
{
    public static async Task<EvaluationResult> EvaluateAsync(IObjectStore store, string scoresOrOutput, string labelsUri, CancellationToken ct)
    {
        var labels = await LabelFile.ReadAsync(store, labelsUri, ct);
        var folder = scoresOrOutput.TrimEnd('/');
        var files = await store.ListAsync(StorageUri.Combine(folder, "*.parquet"), ct);
        if (files.Count == 0)
        {
            files = await store.ListAsync(StorageUri.Combine(folder, "scores/*.parquet"), ct);
        }

        if (files.Count == 0)
        {
            throw new JobFailedException($"no score files (*.parquet) in '{scoresOrOutput}' or its scores/ folder");
        }

        var rows = new List<ScoreRow>();
        foreach (var file in files)
        {
            rows.AddRange(await ScoreFiles.ReadAsync(store, file.Uri, ct));
        }

        var matched = rows.Where(r => labels.ContainsKey(r.Id) && !double.IsNaN(r.Score)).ToList();
        if (matched.Count == 0)
        {
            throw new JobFailedException("no scored document id appears in the labels file");
        }

        var truth = matched.Select(r => labels[r.Id]).ToList();
        var scores = matched.Select(r => r.Score).ToList();
        var positives = truth.Count(t => t);
        if (positives == 0 || positives == truth.Count)
        {
            throw new JobFailedException("the labelled documents must include both in-domain and out-of-domain examples");
        }

        var (precision, recall) = SelectionMetrics.SelectedSet(matched.Select(r => r.Selected).ToList(), truth);
        return new EvaluationResult(matched.Count, positives, SelectionMetrics.Auroc(scores, truth),
            SelectionMetrics.PrecisionAtK(scores, truth, positives), matched.Count(r => r.Selected), precision, recall,
            rows.Count - matched.Count);
    }
}
