using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Documents attended together, each right-padded to <paramref name="Length"/>.</summary>
/// <param name="Slots">[Rows × Length] packed-row index for every padded slot (padding repeats a row of the same document).</param>
/// <param name="Rows">documents in the group.</param>
/// <param name="Length">padded length.</param>
/// <param name="RealSlots">positions within the flattened [Rows × Length] grid that hold real tokens, in packed order.</param>
/// <param name="Mask">boolean [Length, P + Length] (true = attend) when a prefix is used; null means plain causal.</param>
internal sealed record AttentionGroup(Tensor Slots, int Rows, int Length, Tensor RealSlots, Tensor? Mask);
