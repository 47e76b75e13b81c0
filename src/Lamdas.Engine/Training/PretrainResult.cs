namespace Lamdas.Engine.Training;

/// <summary>Outcome of a pretraining run (or of the part run before an interruption).</summary>
public sealed record PretrainResult(bool Completed, int Steps, long TokensSeen, double? HeldOutLoss, double Seconds)
{
    public PretrainSummary? Summary { get; init; }
}
