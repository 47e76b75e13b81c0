using System.Security.Cryptography;
using System.Text;
using Lamdas.Engine.Scoring;

namespace Lamdas.Jobs.Scoring.Passes;

/// <summary>
/// What a model pass's result depends on besides its input documents: the model's weights, the dtype and device kind
/// it computes in, the model's CPU thread count (which can change a sum's order; <see cref="Engine.TorchRuntime"/>
/// applies it on the thread that computes), the scoring options that shape the batches and views, and — for the
/// prefix pass — the prefix's fingerprint. Two passes with the same key over the same
/// documents in the same order give the same bits.
/// </summary>
public static class PassKey
{
    /// <summary>The key of the pass without a prefix (LAMDAS' base pass; the perplexity baseline's only pass).</summary>
    public static string Base(LogLikelihoodEngine engine) => For(engine, null);

    /// <summary>The key of the pass conditioned on the prefix with fingerprint <paramref name="prefixFingerprint"/>.</summary>
    public static string Prefix(LogLikelihoodEngine engine, string prefixFingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefixFingerprint);
        return For(engine, prefixFingerprint);
    }

    private static string For(LogLikelihoodEngine engine, string? prefixFingerprint)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var model = engine.Model;
        var options = engine.Options;
        var text = new StringBuilder()
            .Append("lamdas-pass/1\n")
            .Append("model=").Append(model.Fingerprint).Append('\n')
            .Append("dtype=").Append(model.DType).Append('\n')
            .Append("device=").Append(model.Device.type).Append('\n')
            .Append("threads=").Append(model.Threads).Append('\n')
            .Append("max_tokens=").Append(options.MaxTokens).Append('\n')
            .Append("window_tokens=").Append(options.WindowTokens).Append('\n')
            .Append("batch_tokens=").Append(options.BatchTokens).Append('\n')
            .Append("head_chunk_rows=").Append(options.HeadChunkRows).Append('\n')
            .Append("prefix=").Append(prefixFingerprint ?? "none").Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
