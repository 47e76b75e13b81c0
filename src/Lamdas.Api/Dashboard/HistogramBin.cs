namespace Lamdas.Api.Dashboard;

/// <summary>One bin of a score histogram: the scores in (Lower, Upper] (the first bin includes its lower edge).</summary>
public sealed record HistogramBin(double Lower, double Upper, long Count);
