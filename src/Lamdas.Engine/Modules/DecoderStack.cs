using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Token embeddings, the decoder layers and the final norm (Hugging Face's <c>model.*</c>).</summary>
internal sealed class DecoderStack : nn.Module
{
    private readonly Embedding _embed_tokens;
    private readonly ModuleList<DecoderLayer> _layers;
    private readonly RmsNorm _norm;

    public DecoderStack(string name, Model.ModelConfig config)
        : base(name)
    {
        _embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        _layers = new ModuleList<DecoderLayer>(
            Enumerable.Range(0, config.NumHiddenLayers).Select(i => new DecoderLayer($"layers.{i}", config, i)).ToArray());
        _norm = new RmsNorm("norm", config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    public Parameter EmbeddingWeight => _embed_tokens.weight!;

    /// <summary>Final normalised hidden states [N, hidden] for packed token ids [N].</summary>
    public Tensor Forward(Tensor ids, AttentionInputs inputs)
    {
        using var scope = NewDisposeScope();
        var h = _embed_tokens.forward(ids);
        foreach (var layer in _layers)
        {
            inputs.Cancellation.ThrowIfCancellationRequested();
            h = layer.Forward(h, inputs);
        }

        return _norm.forward(h).MoveToOuterDisposeScope();
    }
}
