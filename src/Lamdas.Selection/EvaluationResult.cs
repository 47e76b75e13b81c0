namespace Lamdas.Selection;

/// <summary>
/// Quality of one scoring + selection against labels. <paramref name="Documents"/> counts labelled documents;
/// <paramref name="Unmatched"/> counts scored documents without a label (excluded from every metric).
/// <paramref name="Auroc"/> and <paramref name="PrecisionAtP"/> are NaN when a class is empty.
/// </summary>
public sealed record EvaluationResult(
    int Documents,
    int Positives,
    double Auroc,
    double PrecisionAtP,
    int Selected,
    double SelectedPrecision,
    double SelectedRecall,
    int Unmatched);
