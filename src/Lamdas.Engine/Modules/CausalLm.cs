using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lamdas.Engine.Modules;

/// <summary>Qwen2 / Llama causal LM with Hugging Face parameter names (<c>model.*</c>, <c>lm_head.weight</c>).</summary>
internal sealed class CausalLm : nn.Module
{
    private readonly DecoderStack model;
    private readonly Linear? lm_head;

    public CausalLm(Model.ModelConfig config)
        : base("causal_lm")
    {
        model = new DecoderStack("model", config);
        lm_head = config.TieWordEmbeddings ? null : nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The output projection [vocab, hidden]: lm_head, or the embeddings when tied.</summary>
    public Tensor HeadWeight => lm_head?.weight ?? model.EmbeddingWeight;

    public Tensor HiddenStates(Tensor ids, AttentionInputs inputs) => model.Forward(ids, inputs);
}
