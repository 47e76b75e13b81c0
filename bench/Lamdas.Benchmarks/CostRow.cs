using Lamdas.Jobs.Running;
using Lamdas.Selection;

namespace Lamdas.Benchmarks;

/// <summary>What one configuration cost on one corpus, and how well it selected.</summary>
/// <param name="Configuration"></param>
/// <param name="Seconds">wall time of the job (the prefix was trained beforehand; NaN when read back without one).</param>
/// <param name="Documents"></param>
/// <param name="CandidateTokens">model tokens of every candidate, untruncated.</param>
/// <param name="ModelTokens">token positions the LLM's forward passes read (both passes, windows and pilot included).</param>
/// <param name="Flops">FLOPs of those forward passes (the planner's count per document).</param>
/// <param name="ModelDocuments">documents the LLM scored in their shards.</param>
/// <param name="Pilot">the cascade's pilot (null without one).</param>
/// <param name="Evaluation">precision@P and AUROC against the labels (null without labels).</param>
/// <param name="SelectionRecall">share of the baseline configuration's selection this one also selected (null without a baseline).</param>
public sealed record CostRow(
    CostConfiguration Configuration,
    double Seconds,
    long Documents,
    long CandidateTokens,
    double ModelTokens,
    double Flops,
    long ModelDocuments,
    CascadePilot? Pilot,
    EvaluationResult? Evaluation,
    double? SelectionRecall)
{
    /// <summary>A cascade run's quality/cost curve over the whole corpus (empty without a baseline run).</summary>
    public IReadOnlyList<CurvePoint> Curve { get; init; } = [];

    /// <summary>A cascade run's pilot drawn at scale from this corpus (<see cref="PilotSimulation"/>; empty without a baseline run).</summary>
    public IReadOnlyList<PilotSimulationResult> Simulations { get; init; } = [];

    public double ModelTokensPerCandidateToken => ModelTokens / Math.Max(1, CandidateTokens);

    public double FlopsPerCandidateToken => Flops / Math.Max(1, CandidateTokens);
}
