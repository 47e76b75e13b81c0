using Lamdas.Engine.Model;

namespace Lamdas.Engine.Planning;

/// <summary>
/// Estimates a scoring job from the FLOP count: every token goes through two forward passes (with and without the
/// prefix), each costing 2 × matmul weights plus attention over the preceding tokens of its document (and the
/// prefix positions in the second pass). With windowed scoring the tokens after a document's first window go through
/// both passes once more, attending within their window.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Bytes of JSONL per token of typical text (UTF-8 plus JSON framing).</summary>
    public const double BytesPerToken = 4.2;

    /// <summary>Bytes per document in scores/ (Parquet row: id, source, position, tokens, three doubles, flag).</summary>
    public const double ScoreBytesPerDocument = 48;

    public static long MatmulParameters(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long attention = (long)config.HiddenSize * config.HeadDim * (2L * config.NumAttentionHeads + 2L * config.NumKeyValueHeads);
        long mlp = 3L * config.HiddenSize * config.IntermediateSize;
        return (config.NumHiddenLayers * (attention + mlp)) + ((long)config.VocabSize * config.HiddenSize);
    }

    /// <summary>
    /// FLOPs of both passes per scored token, for documents of <paramref name="documentTokens"/> tokens, scored in their
    /// whole context and (with <paramref name="windowTokens"/> &gt; 0) in windows of that many tokens as well.
    /// </summary>
    public static double FlopsPerToken(ModelConfig config, int documentTokens, int prefixLength, int windowTokens = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(documentTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(windowTokens);
        var dense = 2.0 * MatmulParameters(config);
        var attentionPerPosition = 4.0 * config.NumAttentionHeads * config.HeadDim * config.NumHiddenLayers;
        double BothPasses(double averageAttended) =>
            (dense + attentionPerPosition * averageAttended) + (dense + attentionPerPosition * (averageAttended + prefixLength));

        var whole = BothPasses((documentTokens + 1.0) / 2.0);
        if (windowTokens == 0 || windowTokens >= documentTokens)
        {
            return windowTokens == 0 ? whole : 2 * whole;
        }

        // The first window is read from the whole-context pass; the later ones cost both passes again.
        var laterShare = (documentTokens - windowTokens) / (double)documentTokens;
        return whole + (laterShare * BothPasses((windowTokens + 1.0) / 2.0));
    }

    public static CapacityPlan Estimate(ModelConfig config, double tokens, int devices, DeviceProfile device, int documentTokens = 1024,
        int prefixLength = 30, int windowTokens = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(devices, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        var perToken = FlopsPerToken(config, documentTokens, prefixLength, windowTokens);
        var total = perToken * tokens;
        var tokensPerSecond = device.EffectiveFlops / perToken;
        var deviceSeconds = tokens / tokensPerSecond;
        return new CapacityPlan(tokens, devices, device, MatmulParameters(config), perToken, total, tokensPerSecond,
            deviceSeconds / devices / 3600, deviceSeconds / 3600, tokens * BytesPerToken, tokens / documentTokens * ScoreBytesPerDocument);
    }

    /// <summary>Parses 100B, 2.5T, 40M, 1e9 or a plain number.</summary>
    public static double ParseTokens(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var t = text.Trim().Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        var multiplier = char.ToUpperInvariant(t[^1]) switch
        {
            'K' => 1e3,
            'M' => 1e6,
            'B' or 'G' => 1e9,
            'T' => 1e12,
            _ => 1.0,
        };
        var number = multiplier == 1.0 ? t : t[..^1];
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new FormatException($"'{text}' is not a token count (examples: 100B, 2.5T, 40M)");
        }

        return value * multiplier;
    }
}
