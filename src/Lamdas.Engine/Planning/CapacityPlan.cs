namespace Lamdas.Engine.Planning;

/// <summary>
/// The estimate for scoring a corpus: compute, time on the given devices, and the data volumes. <see cref="Tokens"/>
/// are the tokens that go through the two LLM passes (the scored tokens, or with a cascade the share the first stage
/// lets through plus the pilot); <see cref="FlopsPerToken"/> is per such token.
/// </summary>
public sealed record CapacityPlan(
    double Tokens,
    int Devices,
    DeviceProfile Device,
    long MatmulParameters,
    double FlopsPerToken,
    double TotalFlops,
    double TokensPerSecondPerDevice,
    double WallHours,
    double DeviceHours,
    double InputBytes,
    double ScoreBytes)
{
    /// <summary>Tokens of the candidate documents, before truncation at max_tokens.</summary>
    public double CandidateTokens { get; init; }

    /// <summary>Tokens the job scores: candidate tokens × the scored fraction.</summary>
    public double ScoredTokens { get; init; }

    /// <summary>Mean scored length of a document, in tokens (what attention costs depend on).</summary>
    public double MeanScoredTokens { get; init; }

    /// <summary>Share of the scored tokens that go through the LLM passes (1 without a cascade; pilot included).</summary>
    public double LlmShare { get; init; } = 1;

    /// <summary>Tokens of the pilot sample, scored at full price.</summary>
    public double PilotTokens { get; init; }

    /// <summary>Model work relative to one domain's passes with nothing reused (<see cref="CapacityPlanner.WorkFactor"/>); <see cref="Tokens"/> includes it.</summary>
    public double WorkFactor { get; init; } = 1;

    /// <summary>Forward passes per LLM-scored token: 2, plus 2 × the share of tokens after the first window.</summary>
    public double PassesPerToken { get; init; } = 2;

    /// <summary>Token positions forwarded through the LLM per candidate token, counting each pass.</summary>
    public double LlmTokensPerCandidateToken => PassesPerToken * Tokens / CandidateTokens;

    public double FlopsPerCandidateToken => TotalFlops / CandidateTokens;

    public double CandidateTokensPerSecondPerDevice => Device.EffectiveFlops / FlopsPerCandidateToken;
}
