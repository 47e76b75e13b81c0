using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>
/// Per-forward attention state shared by all layers. Activations are packed: [N, …] over the real tokens of all
/// documents in the batch (no padding), so the dense layers never see padding. Attention runs per group of
/// documents that share a padded length.
/// </summary>
/// <param name="Cos">cos rows for each packed token's position, [N, head_dim].</param>
/// <param name="Sin">sin rows, [N, head_dim].</param>
/// <param name="Groups">attention groups; their real tokens are consecutive in packed order.</param>
/// <param name="PrefixKeys">prefix keys [layers, kv_heads, P, head_dim], used as-is (no rotary), or null.</param>
/// <param name="PrefixValues">prefix values, same shape, or null.</param>
/// <param name="Capture">when set, each layer appends its rotated keys and values [N, kv_heads, head_dim].</param>
/// <param name="Cancellation">checked before every layer (a forward pass of a large batch takes seconds on a CPU).</param>
internal sealed record AttentionInputs(Tensor Cos, Tensor Sin, IReadOnlyList<AttentionGroup> Groups, Tensor? PrefixKeys,
    Tensor? PrefixValues, List<(Tensor Keys, Tensor Values)>? Capture = null, CancellationToken Cancellation = default);
