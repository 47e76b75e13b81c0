namespace Lamdas.Reporting;

/// <summary>
/// Precision and recall of the documents scoring above <paramref name="Threshold"/> (<paramref name="Kept"/> of them).
/// </summary>
public sealed record ReportCurvePoint(double Threshold, double Precision, double Recall, long Kept);
