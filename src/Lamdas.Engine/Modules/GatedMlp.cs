using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>down(silu(gate(x)) × up(x)).</summary>
internal sealed class GatedMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;

    public GatedMlp(string name, long hidden, long intermediate, bool bias)
        : base(name)
    {
        gate_proj = nn.Linear(hidden, intermediate, hasBias: bias);
        up_proj = nn.Linear(hidden, intermediate, hasBias: bias);
        down_proj = nn.Linear(intermediate, hidden, hasBias: bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(gate_proj.forward(input)).mul_(up_proj.forward(input));
        return down_proj.forward(gated).MoveToOuterDisposeScope();
    }
}
