using Lamdas.Jobs.Spec;

namespace Lamdas.Benchmarks;

/// <summary>The outcome of <see cref="PilotSimulation.Run"/>, averaged over its draws.</summary>
/// <param name="Spec">the cascade settings simulated.</param>
/// <param name="Draws">pilots drawn.</param>
/// <param name="MeanPilotDocuments">pilot size after growth, on average.</param>
/// <param name="MeanPassRate">share of the corpus at or above the chosen cut (1 where no cut was found).</param>
/// <param name="MeanRecall">share of plain LAMDAS's selection at or above the cut.</param>
/// <param name="MinRecall">the lowest realised recall of any draw.</param>
/// <param name="Coverage">share of draws whose realised recall reached the target.</param>
/// <param name="NoCutShare">share of draws that found no cut.</param>
public sealed record PilotSimulationResult(
    CascadeSpec Spec,
    int Draws,
    double MeanPilotDocuments,
    double MeanPassRate,
    double MeanRecall,
    double MinRecall,
    double Coverage,
    double NoCutShare);
