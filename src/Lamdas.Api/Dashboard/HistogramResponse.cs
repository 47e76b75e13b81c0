namespace Lamdas.Api.Dashboard;

/// <summary>
/// A job's score histogram so far: the partitions' sketches merged. <c>Count</c> scores were seen, <c>Selected</c> of
/// them were selected by the threshold as they were scored; Min and Max are null while no score was seen.
/// </summary>
public sealed record HistogramResponse(string JobId, long Count, long Selected, double? Min, double? Max, IReadOnlyList<HistogramBin> Bins);
