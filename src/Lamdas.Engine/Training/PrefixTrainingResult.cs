using Lamdas.Engine.Prefix;

namespace Lamdas.Engine.Training;

/// <summary>The trained prefix and the validation NLL (nats/token) without and with it.</summary>
public sealed record PrefixTrainingResult(DomainPrefix Prefix, double ValidationNllBase, double ValidationNllPrefix)
{
    /// <summary>Windows the reference documents of the training split were cut into.</summary>
    public int TrainingWindows { get; init; }

    /// <summary>Tokens in those windows.</summary>
    public long TrainingTokens { get; init; }

    /// <summary>Whether the NLLs were measured on held-out reference documents (otherwise on the training windows).</summary>
    public bool NllHeldOut => Prefix.Metadata.ValidationHeldOut == true;

    /// <summary>Names the NLLs for a log line: "validation NLL" or "training-set NLL".</summary>
    public string NllLabel => LabelFor(NllHeldOut);

    internal static string LabelFor(bool heldOut) => heldOut ? "validation NLL" : "training-set NLL";
}
