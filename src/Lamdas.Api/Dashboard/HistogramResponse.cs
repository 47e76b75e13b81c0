namespace Lamdas.Api.Dashboard;

/// <summary>
/// A job's score histogram so far: the partitions' sketches merged. <c>Count</c> scores were seen, <c>Selected</c> of
/// them were selected by the threshold as they were scored; Min and Max are null while no score was seen.
/// <c>Threshold</c> is the score a document must exceed to be selected: the spec's cut-off in threshold mode, the
/// sketch's estimate of the cut-off for a top-fraction job (null while nothing is scored, or for a job of several domains).
/// </summary>
public sealed record HistogramResponse(string JobId, long Count, long Selected, double? Min, double? Max, IReadOnlyList<HistogramBin> Bins,
    double? Threshold = null);
