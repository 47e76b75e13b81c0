using System.CommandLine;
using Lamdas.Engine;

namespace Lamdas.Cli.Commands;

/// <summary>Options shared by the commands that run the model.</summary>
internal sealed class CommonOptions
{
    public Option<string> Device { get; } = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };

    public Option<string?> DType { get; } = new("--dtype") { Description = "compute dtype: auto (default: bfloat16 on CUDA, float32 on the CPU), float32, bfloat16 or float16" };

    public Option<bool> AllowCpuReducedPrecision { get; } = new("--allow-cpu-reduced-precision") { Description = "let bfloat16 and float16 run on the CPU (slow; for checking the reduced-precision path)" };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch intra-op threads (0 = all cores)", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(DType);
        command.Options.Add(AllowCpuReducedPrecision);
        command.Options.Add(Threads);
    }

    public EngineOptions Read(ParseResult result) => new()
    {
        Device = result.GetValue(Device) ?? "cpu",
        DType = result.GetValue(DType),
        AllowCpuReducedPrecision = result.GetValue(AllowCpuReducedPrecision),
        Threads = result.GetValue(Threads),
    };
}
