namespace Lamdas.Engine.Model;

public enum ModelArchitecture
{
    /// <summary>Qwen2ForCausalLM: q/k/v projections carry biases.</summary>
    Qwen2,

    /// <summary>LlamaForCausalLM: biases only when <c>attention_bias</c> / <c>mlp_bias</c> is set.</summary>
    Llama,
}
