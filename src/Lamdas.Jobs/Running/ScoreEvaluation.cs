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
        return Evaluate(await ReadRowsAsync(store, scoresOrOutput, ct), labels);
    }

    /// <summary>Every row of the score files in a job output folder or its scores/ folder.</summary>
    public static async Task<IReadOnlyList<ScoreRow>> ReadRowsAsync(IObjectStore store, string scoresOrOutput, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scoresOrOutput);
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

        return rows;
    }

    /// <summary>Ranking and selection metrics of score rows against labels (id → in domain).</summary>
    public static EvaluationResult Evaluate(IReadOnlyList<ScoreRow> rows, IReadOnlyDictionary<string, bool> labels)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // A NaN score (a document the method could not score) counts as unmatched, like a document without a label.
        // Documents a cascade's first stage held back rank below every document the LLM scored, by their first-stage score.
        var scored = rows.Where(r => !double.IsNaN(r.Score) || !r.ReachedModel).ToList();
        var evaluation = SelectionEvaluator.Evaluate(RankScores(scored), labels);
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

    /// <summary>
    /// Scores that order the rows for ranking metrics: the method's score for rows the LLM scored; below the lowest of
    /// those, in first-stage order, for rows a cascade held back.
    /// </summary>
    public static IEnumerable<(string Id, double Score, bool Selected)> RankScores(IReadOnlyList<ScoreRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var held = rows.Where(r => !r.ReachedModel).ToList();
        if (held.Count == 0)
        {
            return rows.Select(r => (r.Id, r.Score, r.Selected));
        }

        var lowest = rows.Where(r => r.ReachedModel).Select(r => r.Score).DefaultIfEmpty(0).Min();
        var highestHeld = held.Max(r => r.Stage1Score!.Value);
        return rows.Select(r => r.ReachedModel
            ? (r.Id, r.Score, r.Selected)
            : (r.Id, lowest - 1 - (highestHeld - r.Stage1Score!.Value), r.Selected));
    }
}
