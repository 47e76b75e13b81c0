using Lamdas.Engine.Model;

namespace Lamdas.Engine.Planning;

/// <summary>The FLOPs of forward passes over whole documents, counted per document (the planner averages per token).</summary>
public static class ModelFlops
{
    /// <summary>
    /// FLOPs of one forward pass over a document of n tokens (start token + n−1 inputs produce n predictions):
    /// 2 × matmul weights per token, plus attention QKᵀ and AV (4 · heads · head_dim per attended position).
    /// </summary>
    public static double Forward(LanguageModel model, int n, int prefixLength)
    {
        var c = model.Config;
        var dense = 2.0 * model.MatmulParameters * n;
        var attended = (n * (n + 1.0) / 2.0) + ((double)n * prefixLength);
        var attention = 4.0 * c.NumAttentionHeads * c.HeadDim * c.NumHiddenLayers * attended;
        return dense + attention;
    }
}
