using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Token embeddings, the decoder layers and the final norm (Hugging Face's <c>model.*</c>).</summary>
internal sealed class DecoderStack : nn.Module
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<DecoderLayer> layers;
    private readonly RmsNorm norm;

    public DecoderStack(string name, Model.ModelConfig config)
        : base(name)
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<DecoderLayer>(
            Enumerable.Range(0, config.NumHiddenLayers).Select(i => new DecoderLayer($"layers.{i}", config, i)).ToArray());
        norm = new RmsNorm("norm", config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    public Parameter EmbeddingWeight => embed_tokens.weight!;

    /// <summary>Final normalised hidden states [N, hidden] for packed token ids [N].</summary>
    public Tensor Forward(Tensor ids, AttentionInputs inputs)
    {
        using var scope = NewDisposeScope();
        var h = embed_tokens.forward(ids);
        foreach (var layer in layers)
        {
            inputs.Cancellation.ThrowIfCancellationRequested();
            h = layer.Forward(h, inputs);
        }

        return norm.forward(h).MoveToOuterDisposeScope();
    }
}
