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
        var labels = new Option<string>("--labels") { Description = "labels JSONL: {\"id\", \"in_domain\": true|false}", Required = true };
        var command = new Command("eval", "AUROC, precision@P (P = number of positives), and precision/recall of the selected set") { scores, labels };
        command.SetAction(async (result, cancellation) =>
        {
            var store = new ObjectStore();
            var evaluation = await ScoreEvaluation.EvaluateAsync(store, result.GetValue(scores)!, result.GetValue(labels)!, cancellation);
            Console.WriteLine($"documents        {evaluation.Documents} (labelled positives {evaluation.Positives}, unlabelled {evaluation.Unmatched})");
            Console.WriteLine($"AUROC            {evaluation.Auroc:F4}");
            Console.WriteLine($"precision@P      {evaluation.PrecisionAtP:F4}");
            Console.WriteLine($"selected         {evaluation.Selected}");
            Console.WriteLine($"precision        {evaluation.SelectedPrecision:F4}");
            Console.WriteLine($"recall           {evaluation.SelectedRecall:F4}");
            return 0;
        });
        return command;
    }
}
