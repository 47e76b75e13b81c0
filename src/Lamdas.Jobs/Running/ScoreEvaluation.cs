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

        // A NaN score (a document the method could not score) counts as unmatched, like a document without a label.
        var scored = rows.Where(r => !double.IsNaN(r.Score)).ToList();
        var evaluation = SelectionEvaluator.Evaluate(scored.Select(r => (r.Id, r.Score, r.Selected)), labels);
        if (evaluation.Documents == 0)
        {
            throw new JobFailedException("no scored document id appears in the labels file");
        }

        if (evaluation.Positives == 0 || evaluation.Positives == evaluation.Documents)
        {
            throw new JobFailedException("the labelled documents must include both in-domain and out-of-domain examples");
        }

        return evaluation with { Unmatched = evaluation.Unmatched + rows.Count - scored.Count };
    }
}
