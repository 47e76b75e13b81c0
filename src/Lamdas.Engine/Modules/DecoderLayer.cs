using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Pre-norm transformer block: h += attn(norm(h)); h += mlp(norm(h)).</summary>
internal sealed class DecoderLayer : nn.Module
{
    private readonly RmsNorm input_layernorm;
    private readonly GroupedQueryAttention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly GatedMlp mlp;
    private readonly int index;

    public DecoderLayer(string name, Model.ModelConfig config, int index)
        : base(name)
    {
        this.index = index;
        input_layernorm = new RmsNorm("input_layernorm", config.HiddenSize, config.RmsNormEps);
        self_attn = new GroupedQueryAttention("self_attn", config.HiddenSize, config.NumAttentionHeads,
            config.NumKeyValueHeads, config.HeadDim, config.QkvBias, config.OutputBias);
        post_attention_layernorm = new RmsNorm("post_attention_layernorm", config.HiddenSize, config.RmsNormEps);
        mlp = new GatedMlp("mlp", config.HiddenSize, config.IntermediateSize, config.MlpBias);
        RegisterComponents();
    }

    public Tensor Forward(Tensor hidden, AttentionInputs inputs)
    {
        using var scope = NewDisposeScope();
        var h = hidden + self_attn.Forward(input_layernorm.forward(hidden), inputs, index);
        h = h + mlp.forward(post_attention_layernorm.forward(h));
        return h.MoveToOuterDisposeScope();
    }
}
