using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Per-forward attention state shared by all layers.</summary>
/// <param name="Cos">cos table for the document positions, [T, head_dim].</param>
/// <param name="Sin">sin table for the document positions, [T, head_dim].</param>
/// <param name="Mask">boolean [T, P + T] (true = attend) when a prefix is present; null means plain causal.</param>
/// <param name="PrefixKeys">prefix keys [layers, kv_heads, P, head_dim], used as-is (no rotary), or null.</param>
/// <param name="PrefixValues">prefix values, same shape, or null.</param>
/// <param name="Capture">when set, each layer appends its rotated document keys and values [B, kv_heads, T, head_dim].</param>
internal sealed record AttentionInputs(Tensor Cos, Tensor Sin, Tensor? Mask, Tensor? PrefixKeys, Tensor? PrefixValues,
    List<(Tensor Keys, Tensor Values)>? Capture = null);
