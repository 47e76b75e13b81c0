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
    public static double FlopsPerToken(ModelConfig config, double documentTokens, int prefixLength, int windowTokens = 0)
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
        var laterShare = (documentTokens - windowTokens) / documentTokens;
        return whole + (laterShare * BothPasses((windowTokens + 1.0) / 2.0));
    }

    /// <summary>
    /// Forward passes per scored token: two, plus two more for the share of tokens after the first window (all of
    /// them when the window is not shorter than the document, as <see cref="FlopsPerToken"/> counts it).
    /// </summary>
    public static double PassesPerToken(double documentTokens, int windowTokens) =>
        windowTokens == 0 ? 2 : windowTokens >= documentTokens ? 4 : 2 + (2 * (documentTokens - windowTokens) / documentTokens);

    /// <summary>A plan where every one of <paramref name="tokens"/> is scored, in documents of <paramref name="documentTokens"/>.</summary>
    public static CapacityPlan Estimate(ModelConfig config, double tokens, int devices, DeviceProfile device, int documentTokens = 1024,
        int prefixLength = 30, int windowTokens = 0) =>
        Estimate(config, new PlanInputs
        {
            CandidateTokens = tokens,
            Devices = devices,
            Device = device,
            MaxTokens = documentTokens,
            PrefixLength = prefixLength,
            WindowTokens = windowTokens,
        });

    /// <summary>
    /// The plan for <paramref name="inputs"/>: scored tokens = candidate tokens × scored fraction; with a pass rate P
    /// the LLM passes see P of them (to first order: the first stage passes documents, and their mean scored length is
    /// taken to be the corpus's) plus the pilot's documents at full price. The first stage itself is not counted.
    /// </summary>
    public static CapacityPlan Estimate(ModelConfig config, PlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inputs.Device);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs.Devices, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs.CandidateTokens);
        if (!(inputs.ScoredFraction > 0 && inputs.ScoredFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.ScoredFraction, "the scored fraction must be in (0, 1]");
        }

        if (inputs.PassRate is { } rate && !(rate > 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), rate, "the pass rate must be in (0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(inputs.PilotDocuments);
        var mean = inputs.ScoredDocumentTokens;
        if (!(mean >= 1 && mean <= inputs.MaxTokens))
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), mean, "the mean scored document length must be between 1 and max_tokens");
        }

        var scored = inputs.CandidateTokens * inputs.ScoredFraction;
        var pilotTokens = inputs.PassRate is null ? 0 : inputs.PilotDocuments * mean;
        var share = inputs.PassRate is { } p ? Math.Min(1, p + (pilotTokens / scored)) : 1;
        var work = WorkFactor(inputs);
        var llmTokens = scored * share * work;
        var perToken = FlopsPerToken(config, mean, inputs.PrefixLength, inputs.WindowTokens);
        var tokensPerSecond = inputs.Device.EffectiveFlops / perToken;
        var deviceSeconds = llmTokens / tokensPerSecond;
        return new CapacityPlan(llmTokens, inputs.Devices, inputs.Device, MatmulParameters(config), perToken, perToken * llmTokens,
            tokensPerSecond, deviceSeconds / inputs.Devices / 3600, deviceSeconds / 3600, inputs.CandidateTokens * BytesPerToken,
            scored / mean * ScoreBytesPerDocument)
        {
            CandidateTokens = inputs.CandidateTokens,
            ScoredTokens = scored,
            MeanScoredTokens = mean,
            LlmShare = share,
            PilotTokens = pilotTokens,
            PassesPerToken = PassesPerToken(mean, inputs.WindowTokens),
            WorkFactor = work,
        };
    }

    /// <summary>
    /// The model work of the job relative to one domain's two passes with nothing reused: K domains without a cascade
    /// share the base pass, so (1 + K) / 2 (a pass counted as half of the two; the prefix pass's extra attention over the
    /// prefix is small); with a cascade each domain's LLM set is its own and nothing is shared, so K; either way times
    /// the share of the passes the score store does not have.
    /// </summary>
    public static double WorkFactor(PlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs.Domains, 1);
        if (!(inputs.CacheHitShare >= 0 && inputs.CacheHitShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.CacheHitShare, "the cache hit share must be in [0, 1)");
        }

        var domains = inputs.PassRate is null ? (1.0 + inputs.Domains) / 2.0 : inputs.Domains;
        return domains * (1 - inputs.CacheHitShare);
    }

    /// <summary>
    /// The configurations side by side: plain (two passes), windowed, and — when a pass rate is known — cascade and
    /// cascade + windowed. The windowed rows use the inputs' window, or <paramref name="comparisonWindowTokens"/> when
    /// it is 0. The row a job with these inputs runs is marked: windowed unless the window is 0, cascade when a pass
    /// rate is known.
    /// </summary>
    public static IReadOnlyList<PlanConfiguration> Compare(ModelConfig config, PlanInputs inputs, int comparisonWindowTokens = 64)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(comparisonWindowTokens);
        var window = inputs.WindowTokens > 0 ? inputs.WindowTokens : comparisonWindowTokens;
        var defaultWindowed = inputs.WindowTokens > 0;
        var defaultCascade = inputs.PassRate is not null;
        var rows = new List<PlanConfiguration>();
        void Add(string name, bool windowed, bool cascade) => rows.Add(new PlanConfiguration(name, windowed, cascade,
            windowed == defaultWindowed && cascade == defaultCascade,
            Estimate(config, inputs with { WindowTokens = windowed ? window : 0, PassRate = cascade ? inputs.PassRate : null }),
            inputs.PricePerHour));

        Add("plain (two passes)", windowed: false, cascade: false);
        Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"windowed ({window})"), windowed: true, cascade: false);
        if (defaultCascade)
        {
            Add("cascade", windowed: false, cascade: true);
            Add("cascade + windowed", windowed: true, cascade: true);
        }

        return rows;
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
