using TorchSharp;
using static TorchSharp.torch;

namespace Lamdas.Engine;

/// <summary>Where and how the engine computes.</summary>
public sealed record EngineOptions
{
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Compute dtype: <c>float32</c> (CPU and CUDA), <c>bfloat16</c> / <c>float16</c> (CUDA only). Null picks float32.</summary>
    public string? DType { get; init; }

    /// <summary>Intra-op threads; 0 keeps libtorch's default (all cores).</summary>
    public int Threads { get; init; }

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
        var name = (DType ?? "float32").Trim().ToLowerInvariant();
        var type = name switch
        {
            "float32" or "fp32" or "f32" => ScalarType.Float32,
            "bfloat16" or "bf16" => ScalarType.BFloat16,
            "float16" or "fp16" or "f16" or "half" => ScalarType.Float16,
            _ => throw new EngineException($"--dtype {DType}: expected float32, bfloat16 or float16"),
        };
        if (type != ScalarType.Float32 && device.type == DeviceType.CPU)
        {
            throw new EngineException($"--dtype {DType}: reduced precision is only supported on CUDA; the CPU computes in float32");
        }

        return type;
    }
}
