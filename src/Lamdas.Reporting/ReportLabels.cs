namespace Lamdas.Reporting;

/// <summary>What the report shows when the documents' labels are known.</summary>
public sealed record ReportLabels
{
    /// <summary>Labelled documents and selections per domain (or label), in display order.</summary>
    public IReadOnlyList<ReportDomain> Domains { get; init; } = [];

    /// <summary>Precision and recall against the threshold, by increasing threshold (see <see cref="ThresholdCurve"/>).</summary>
    public IReadOnlyList<ReportCurvePoint> Curve { get; init; } = [];

    /// <summary>The highest-scoring out-of-domain documents the job selected, highest first.</summary>
    public IReadOnlyList<ReportExample> FalsePositives { get; init; } = [];

    /// <summary>The lowest-scoring in-domain documents the job rejected, lowest first.</summary>
    public IReadOnlyList<ReportExample> FalseNegatives { get; init; } = [];
}
