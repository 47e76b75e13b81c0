using Lamdas.Selection;

namespace Lamdas.Benchmarks;

/// <summary>One recall target of a <see cref="CascadeCurve"/>: the cut, the recall it reaches, its pass rate and the cascade's quality.</summary>
public sealed record CurvePoint(double Target, double? Cut, double Recall, double PassRate, EvaluationResult? Evaluation);
