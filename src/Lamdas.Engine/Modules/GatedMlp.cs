using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>down(silu(gate(x)) × up(x)).</summary>
internal sealed class GatedMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear _gate_proj;
    private readonly Linear _up_proj;
    private readonly Linear _down_proj;

    public GatedMlp(string name, long hidden, long intermediate, bool bias)
        : base(name)
    {
        _gate_proj = nn.Linear(hidden, intermediate, hasBias: bias);
        _up_proj = nn.Linear(hidden, intermediate, hasBias: bias);
        _down_proj = nn.Linear(intermediate, hidden, hasBias: bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(_gate_proj.forward(input)).mul_(_up_proj.forward(input));
        return _down_proj.forward(gated).MoveToOuterDisposeScope();
    }
}
