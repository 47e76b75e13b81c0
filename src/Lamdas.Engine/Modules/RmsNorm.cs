using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>
/// weight × x / √(mean(x²) + eps), over the last dimension. The normalisation runs in float32 whatever the input's
/// dtype (a reduced-precision mean of squares loses the small components), and its result is cast back before the
/// weight is applied, as the Hugging Face Qwen2 and Llama models do.
/// </summary>
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
        var x = input.dtype == ScalarType.Float32 ? input : input.to(ScalarType.Float32);
        var variance = x.square().mean([-1L], keepdim: true);
        var normalised = x * (variance + eps).rsqrt();
        return (normalised.to(input.dtype) * weight).MoveToOuterDisposeScope();
    }
}
