using System.Runtime.InteropServices;
using Lamdas.Engine.Modules;
using Lamdas.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Lamdas.Engine.Model;

/// <summary>Copies checkpoint tensors (F32/F16/BF16) into the module's float32 parameters, checking names and shapes.</summary>
internal static class WeightLoader
{
    public static void Load(CausalLm network, SafeTensorCheckpoint checkpoint)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            if (!checkpoint.TryGetInfo(name, out var unused))
            {
                throw new EngineException($"tensor '{name}' not found in the checkpoint at {checkpoint.DirectoryPath}");
            }

            CopyInto(checkpoint, name, parameter);
        }
    }

    public static void CopyInto(SafeTensorCheckpoint checkpoint, string name, Tensor destination)
    {
        if (destination.dtype != ScalarType.Float32 || destination.device_type != DeviceType.CPU || !destination.is_contiguous())
        {
            throw new InvalidOperationException("weights are loaded into contiguous float32 CPU tensors");
        }

        var span = MemoryMarshal.Cast<byte, float>(destination.bytes);
        checkpoint.ReadAsFloat32(name, destination.shape, span);
    }
}
