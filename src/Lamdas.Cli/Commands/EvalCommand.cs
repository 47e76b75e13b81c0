using System.CommandLine;
using Lamdas.Jobs.Running;
using Lamdas.Storage;

namespace Lamdas.Cli.Commands;

/// <summary><c>eval --scores DIR --labels labels.jsonl</c>: ranking and selection quality against labels.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var scores = new Option<string>("--scores") { Description = "a job output folder or its scores/ folder", Required = true };
        var labels = new Option<string>("--labels")
        {
            Description = "labels JSONL: {\"id\", \"in_domain\": true|false, \"domain\": optional name for the per-domain table}",
            Required = true,
        };
        var command = new Command("eval", "AUROC, precision@P (P = number of positives), precision/recall of the selected set, and selected vs total per domain") { scores, labels };
        command.SetAction(async (result, cancellation) =>
        {
            var store = new ObjectStore();
            var rows = await ScoreEvaluation.ReadRowsAsync(store, result.GetValue(scores)!, cancellation);
            var entries = await LabelFile.ReadEntriesAsync(store, result.GetValue(labels)!, cancellation);
            var evaluation = ScoreEvaluation.Evaluate(rows, entries.ToDictionary(e => e.Key, e => e.Value.InDomain, StringComparer.Ordinal));
            Console.WriteLine($"documents        {evaluation.Documents} (labelled positives {evaluation.Positives}, unlabelled {evaluation.Unmatched})");
            Console.WriteLine($"AUROC            {evaluation.Auroc:F4}");
            Console.WriteLine($"precision@P      {evaluation.PrecisionAtP:F4}");
            Console.WriteLine($"selected         {evaluation.Selected}");
            Console.WriteLine($"precision        {evaluation.SelectedPrecision:F4}");
            Console.WriteLine($"recall           {evaluation.SelectedRecall:F4}");
            Console.WriteLine();
            Console.Write(DomainTableText.Render(LabelBreakdown.ByDomain(rows, entries)));
            return 0;
        });
        return command;
    }
}
