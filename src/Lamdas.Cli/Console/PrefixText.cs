using System.Globalization;
using Lamdas.Jobs.Running;

namespace Lamdas.Cli.Commands;

/// <summary>How the commands print where a job's prefix training stands.</summary>
internal static class PrefixText
{
    /// <summary>e.g. "prefix epoch 3/10: train NLL 3.2104, held-out NLL 3.3012, 12.4 s/epoch".</summary>
    public static string Line(PrefixTrainingProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var inv = CultureInfo.InvariantCulture;
        var domain = p.Domains > 1 ? string.Create(inv, $" (domain {p.Domain}/{p.Domains})") : "";
        var check = p.HeldOut ? "held-out NLL" : "NLL on the training windows";
        return string.Create(inv, $"prefix epoch {p.Epoch}/{p.Epochs}{domain}: ")
            + (p.TrainNll is { } train ? string.Create(inv, $"train NLL {train:F4}, ") : "")
            + string.Create(inv, $"{check} {p.HeldOutNll:F4}")
            + (p.SecondsPerEpoch is { } s ? string.Create(inv, $", {s:F1} s/epoch") : "");
    }
}
