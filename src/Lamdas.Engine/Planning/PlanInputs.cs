namespace Lamdas.Engine.Planning;

/// <summary>What a capacity plan is computed from: the corpus, the devices and the measured (or assumed) shares.</summary>
public sealed record PlanInputs
{
    /// <summary>Tokens of the candidate documents, before truncation.</summary>
    public required double CandidateTokens { get; init; }

    public required DeviceProfile Device { get; init; }

    public int Devices { get; init; } = 1;

    /// <summary>The job's max_tokens: documents are truncated to this many scored tokens (a job's default is 256).</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Scored tokens per candidate token, in (0, 1].</summary>
    public double ScoredFraction { get; init; } = 1;

    /// <summary>Mean scored length of a document (null: documents fill <see cref="MaxTokens"/>).</summary>
    public double? MeanScoredTokens { get; init; }

    public int PrefixLength { get; init; } = 30;

    /// <summary>Window of the second scoring view, 0 = whole context only.</summary>
    public int WindowTokens { get; init; }

    /// <summary>Share of candidate documents a cascade's first stage lets through, in (0, 1]; null: no cascade.</summary>
    public double? PassRate { get; init; }

    /// <summary>Documents of the cascade's pilot sample, scored by both stages at full price.</summary>
    public int PilotDocuments { get; init; } = 10_000;

    /// <summary>Domains selected in the one job (<c>domains:</c>); each adds its prefix pass, and without a cascade they share the base pass.</summary>
    public int Domains { get; init; } = 1;

    /// <summary>Share of the passes found in the score store (a nightly run over a corpus of which 1 − H changed), in [0, 1).</summary>
    public double CacheHitShare { get; init; }

    /// <summary>Price of one device-hour, for the cost column (null: not printed).</summary>
    public double? PricePerHour { get; init; }

    public double ScoredDocumentTokens => MeanScoredTokens ?? MaxTokens;
}
