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

    /// <summary>Packed input [N, hidden] → packed output [N, hidden].</summary>
    public Tensor Forward(Tensor input, AttentionInputs inputs, int layer)
    {
        using var scope = NewDisposeScope();
        var tokens = input.shape[0];
        var cos = inputs.Cos.unsqueeze(1);
        var sin = inputs.Sin.unsqueeze(1);
        var q = Rotary.Apply(q_proj.forward(input).view(tokens, heads, headDim), cos, sin);
        var k = Rotary.Apply(k_proj.forward(input).view(tokens, kvHeads, headDim), cos, sin);
        var v = v_proj.forward(input).view(tokens, kvHeads, headDim);
        inputs.Capture?.Add((k.detach().clone().DetachFromDisposeScope(), v.detach().clone().DetachFromDisposeScope()));

        var outputs = new List<Tensor>(inputs.Groups.Count);
        foreach (var group in inputs.Groups)
        {
            outputs.Add(AttendGroup(q, k, v, group, inputs, layer));
        }

        var merged = outputs.Count == 1 ? outputs[0] : cat(outputs, 0);
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }

    private Tensor AttendGroup(Tensor q, Tensor k, Tensor v, AttentionGroup group, AttentionInputs inputs, int layer)
    {
        long rows = group.Rows;
        long length = group.Length;
        var qg = q.index_select(0, group.Slots).view(rows, length, heads, headDim).transpose(1, 2);
        var kg = k.index_select(0, group.Slots).view(rows, length, kvHeads, headDim).transpose(1, 2);
        var vg = v.index_select(0, group.Slots).view(rows, length, kvHeads, headDim).transpose(1, 2);
        if (inputs.PrefixKeys is not null && inputs.PrefixValues is not null)
        {
            var prefixLength = inputs.PrefixKeys.shape[2];
            var pk = inputs.PrefixKeys[layer].unsqueeze(0).expand(rows, kvHeads, prefixLength, headDim).to(kg.dtype);
            var pv = inputs.PrefixValues[layer].unsqueeze(0).expand(rows, kvHeads, prefixLength, headDim).to(vg.dtype);
            kg = cat([pk, kg], 2);
            vg = cat([pv, vg], 2);
        }

        if (heads != kvHeads)
        {
            var groupSize = heads / kvHeads;
            kg = kg.repeat_interleave(groupSize, dim: 1);
            vg = vg.repeat_interleave(groupSize, dim: 1);
        }

        var attended = group.Mask is null
            ? nn.functional.scaled_dot_product_attention(qg, kg, vg, is_casual: true)
            : nn.functional.scaled_dot_product_attention(qg, kg, vg, attn_mask: group.Mask);
        return attended.transpose(1, 2).reshape(rows * length, heads * headDim).index_select(0, group.RealSlots);
    }
}
