using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>weight × x / √(mean(x²) + eps), over the last dimension.</summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double eps;

    public RmsNorm(string name, long dim, double eps)
        : base(name)
    {
        weight = nn.Parameter(ones(dim));
        this.eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var variance = input.square().mean([-1L], keepdim: true);
        return (input * (variance + eps).rsqrt() * weight).MoveToOuterDisposeScope();
    }
}
