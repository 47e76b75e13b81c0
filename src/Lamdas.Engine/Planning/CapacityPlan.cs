namespace Lamdas.Engine.Planning;

/// <summary>The estimate for scoring a corpus: compute, time on the given devices, and the data volumes.</summary>
public sealed record CapacityPlan(
    double Tokens,
    int Devices,
    DeviceProfile Device,
    long MatmulParameters,
    double FlopsPerToken,
    double TotalFlops,
    double TokensPerSecondPerDevice,
    double WallHours,
    double DeviceHours,
    double InputBytes,
    double ScoreBytes);
