using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>
/// Grouped-query self-attention with rotary embeddings (rotate-half convention). Query head h reads
/// key/value head h ÷ (heads / kv_heads). Optional prefix keys/values are prepended unrotated.
/// </summary>
internal sealed class GroupedQueryAttention : nn.Module
{
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
    private readonly int heads;
    private readonly int kvHeads;
    private readonly int headDim;

    public GroupedQueryAttention(string name, int hidden, int heads, int kvHeads, int headDim, bool qkvBias, bool outputBias)
        : base(name)
    {
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        q_proj = nn.Linear(hidden, heads * headDim, hasBias: qkvBias);
        k_proj = nn.Linear(hidden, kvHeads * headDim, hasBias: qkvBias);
        v_proj = nn.Linear(hidden, kvHeads * headDim, hasBias: qkvBias);
        o_proj = nn.Linear(heads * headDim, hidden, hasBias: outputBias);
        RegisterComponents();
    }

    public Tensor Forward(Tensor input, AttentionInputs inputs, int layer)
    {
        using var scope = NewDisposeScope();
        var batch = input.shape[0];
        var length = input.shape[1];
        var q = q_proj.forward(input).view(batch, length, heads, headDim).transpose(1, 2);
        var k = k_proj.forward(input).view(batch, length, kvHeads, headDim).transpose(1, 2);
        var v = v_proj.forward(input).view(batch, length, kvHeads, headDim).transpose(1, 2);
        q = Rotary.Apply(q, inputs.Cos, inputs.Sin);
        k = Rotary.Apply(k, inputs.Cos, inputs.Sin);
        inputs.Capture?.Add((k.detach().clone().MoveToOuterDisposeScope(), v.detach().clone().MoveToOuterDisposeScope()));

        if (inputs.PrefixKeys is not null && inputs.PrefixValues is not null)
        {
            var prefixLength = inputs.PrefixKeys.shape[2];
            var pk = inputs.PrefixKeys[layer].unsqueeze(0).expand(batch, kvHeads, prefixLength, headDim).to(k.dtype);
            var pv = inputs.PrefixValues[layer].unsqueeze(0).expand(batch, kvHeads, prefixLength, headDim).to(v.dtype);
            k = cat([pk, k], 2);
            v = cat([pv, v], 2);
        }

        if (heads != kvHeads)
        {
            var group = heads / kvHeads;
            k = k.repeat_interleave(group, dim: 1);
            v = v.repeat_interleave(group, dim: 1);
        }

        var attended = inputs.Mask is null
            ? nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true)
            : nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: inputs.Mask);
        var merged = attended.transpose(1, 2).reshape(batch, length, heads * headDim);
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }
}
