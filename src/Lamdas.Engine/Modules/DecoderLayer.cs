using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Pre-norm transformer block: h += attn(norm(h)); h += mlp(norm(h)).</summary>
internal sealed class DecoderLayer : nn.Module
{
    private readonly RmsNorm _input_layernorm;
    private readonly GroupedQueryAttention _self_attn;
    private readonly RmsNorm _post_attention_layernorm;
    private readonly GatedMlp _mlp;
    private readonly int _index;

    public DecoderLayer(string name, Model.ModelConfig config, int index)
        : base(name)
    {
        this._index = index;
        _input_layernorm = new RmsNorm("input_layernorm", config.HiddenSize, config.RmsNormEps);
        _self_attn = new GroupedQueryAttention("self_attn", config.HiddenSize, config.NumAttentionHeads,
            config.NumKeyValueHeads, config.HeadDim, config.QkvBias, config.OutputBias);
        _post_attention_layernorm = new RmsNorm("post_attention_layernorm", config.HiddenSize, config.RmsNormEps);
        _mlp = new GatedMlp("mlp", config.HiddenSize, config.IntermediateSize, config.MlpBias);
        RegisterComponents();
    }

    public Tensor Forward(Tensor hidden, AttentionInputs inputs)
    {
        using var scope = NewDisposeScope();
        var h = hidden + _self_attn.Forward(_input_layernorm.forward(hidden), inputs, _index);
        h = h + _mlp.forward(_post_attention_layernorm.forward(h));
        return h.MoveToOuterDisposeScope();
    }
}
