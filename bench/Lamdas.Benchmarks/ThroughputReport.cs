namespace Lamdas.Benchmarks;

/// <summary>Measured figures of one throughput run (both passes).</summary>
public sealed record ThroughputReport(
    int Documents,
    long Tokens,
    double Seconds,
    double TokensPerSecond,
    double ModelGflops,
    double MatmulGflops,
    double Mfu,
    double PaddingWaste,
    long PeakResidentBytes,
    int Threads);
