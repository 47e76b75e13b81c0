namespace Lamdas.Engine.Planning;

/// <summary>A device's assumed scoring rate: peak FLOP/s times the share a scoring workload reaches.</summary>
public sealed record DeviceProfile(string Name, double PeakFlops, double Utilization, string Basis)
{
    public double EffectiveFlops => PeakFlops * Utilization;

    /// <summary>The compute dtype the rate assumes: what a job's dtype <c>auto</c> resolves to on such a device.</summary>
    public string DType { get; init; } = "float32";

    /// <summary>
    /// A100 and H100: published dense BF16 tensor-core peaks (SXM parts: 312 and 989 TFLOP/s) at an assumed 35 % and
    /// 30 % utilisation for two forward passes over mixed-length, length-bucketed batches (no backward pass, so below
    /// training MFU; the H100 figure is lower because its peak is harder to feed with a 0.5B model). cpu: measured on
    /// the 2-core reference machine by <c>bench throughput</c> (fp32, Qwen2.5-0.5B shape): 97.2 GFLOP/s of model work.
    /// </summary>
    public static IReadOnlyDictionary<string, DeviceProfile> Known { get; } = new Dictionary<string, DeviceProfile>(StringComparer.OrdinalIgnoreCase)
    {
        ["a100"] = new("a100", 312e12, 0.35, "assumed: 312 TFLOP/s BF16 dense peak (A100 SXM) × 35 % utilisation") { DType = "bfloat16" },
        ["h100"] = new("h100", 989e12, 0.30, "assumed: 989 TFLOP/s BF16 dense peak (H100 SXM) × 30 % utilisation") { DType = "bfloat16" },
        ["cpu"] = new("cpu", 178.9e9, 0.543, "measured: 178.9 GFLOP/s fp32 matmul × 54.3 % MFU = 97.2 GFLOP/s (bench throughput, 2 cores)") { DType = "float32" },
    };
}
