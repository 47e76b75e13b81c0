namespace Lamdas.Benchmarks;

/// <summary>What the control-plane load test measured.</summary>
public sealed record ControlPlaneResult(
    int Shards,
    int Clients,
    TimeSpan PlanTime,
    TimeSpan LeaseCompleteTime,
    long ManagedBytesForState)
{
    /// <summary>Lease + complete pairs per second (each pair is two coordinator calls).</summary>
    public double PairsPerSecond => Shards / LeaseCompleteTime.TotalSeconds;

    public double CallsPerSecond => 2 * PairsPerSecond;

    public double BytesPerShard => (double)ManagedBytesForState / Shards;
}
