using TorchSharp;
using static TorchSharp.torch;

namespace Lamdas.Engine;

/// <summary>Where and how the engine computes.</summary>
public sealed record EngineOptions
{
    /// <summary>The dtype setting that leaves the choice to the device (<see cref="EffectiveDType"/>).</summary>
    public const string AutoDType = "auto";

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Compute dtype of the model's layers: <c>auto</c> (also null: bfloat16 on CUDA, float32 on the CPU),
    /// <c>float32</c>, <c>bfloat16</c> or <c>float16</c>. The logits' log-softmax and every sum stay float32 or wider.
    /// </summary>
    public string? DType { get; init; }

    /// <summary>
    /// Lets bfloat16 and float16 run on the CPU, which otherwise computes in float32 only: a CPU without native
    /// bfloat16 instructions runs them far slower than float32, so this is for checking the reduced-precision path.
    /// </summary>
    public bool AllowCpuReducedPrecision { get; init; }

    /// <summary>Intra-op threads; 0 keeps libtorch's default (all cores).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// The dtype <paramref name="dtype"/> computes in on a CUDA device (<paramref name="cuda"/>) or the CPU, by its
    /// canonical name: <c>auto</c> and null are bfloat16 on CUDA and float32 on the CPU; the short names (bf16, fp16,
    /// fp32, …) are accepted.
    /// </summary>
    public static string EffectiveDType(string? dtype, bool cuda) => Canonical(dtype) switch
    {
        AutoDType => cuda ? "bfloat16" : "float32",
        { } name => name,
        null => throw new EngineException($"dtype {dtype}: expected auto, float32, bfloat16 or float16"),
    };

    /// <summary>
    /// The dtype setting that applies when a job asks for <paramref name="requested"/> on a host configured with
    /// <paramref name="host"/>: the job's own unless it is auto (or null), else the host's.
    /// </summary>
    public static string PreferDType(string? requested, string? host) =>
        requested is null || requested.Trim().Equals(AutoDType, StringComparison.OrdinalIgnoreCase) ? host ?? AutoDType : requested;

    /// <summary>Whether <paramref name="dtype"/> is a dtype setting <see cref="EffectiveDType"/> takes.</summary>
    public static bool IsDType(string? dtype) => Canonical(dtype) is not null;

    internal Device ResolveDevice()
    {
        var device = Device.Trim().ToLowerInvariant();
        if (device.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
        {
            throw new EngineException($"--device {Device}: CUDA is not available in this build or on this machine " +
                "(build with -p:TorchBackend=cuda on a machine with an NVIDIA driver)");
        }

        return device switch
        {
            "cpu" => CPU,
            _ when device.StartsWith("cuda", StringComparison.Ordinal) => new Device(device),
            _ => throw new EngineException($"--device {Device}: expected cpu, cuda or cuda:N"),
        };
    }

    internal ScalarType ResolveDType(Device device)
    {
        var name = EffectiveDType(DType, device.type == DeviceType.CUDA);
        var type = name switch
        {
            "bfloat16" => ScalarType.BFloat16,
            "float16" => ScalarType.Float16,
            _ => ScalarType.Float32,
        };
        if (type != ScalarType.Float32 && device.type == DeviceType.CPU && !AllowCpuReducedPrecision)
        {
            throw new EngineException($"dtype {name}: the CPU computes in float32; reduced precision there is slow and " +
                "only for checking the reduced-precision path (allow it with --allow-cpu-reduced-precision, or " +
                "Lamdas:Cluster:AllowCpuReducedPrecision on a silo)");
        }

        return type;
    }

    private static string? Canonical(string? dtype) => (dtype ?? AutoDType).Trim().ToLowerInvariant() switch
    {
        AutoDType => AutoDType,
        "float32" or "fp32" or "f32" => "float32",
        "bfloat16" or "bf16" => "bfloat16",
        "float16" or "fp16" or "f16" or "half" => "float16",
        _ => null,
    };
}
