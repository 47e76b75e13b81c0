namespace Lamdas.Engine.Planning;

/// <summary>One row of the side-by-side comparison: a scoring configuration and its plan.</summary>
/// <param name="Name">plain, windowed, cascade or cascade + windowed.</param>
/// <param name="Windowed">Whether the windowed second view is scored.</param>
/// <param name="Cascade">Whether a first stage filters documents before the LLM passes.</param>
/// <param name="IsDefault">Whether this is what a job with the given settings runs.</param>
/// <param name="Plan">The estimate for this configuration.</param>
/// <param name="PricePerHour">Price of one device-hour (null: no cost).</param>
public sealed record PlanConfiguration(string Name, bool Windowed, bool Cascade, bool IsDefault, CapacityPlan Plan, double? PricePerHour)
{
    public double LlmTokensPerCandidateToken => Plan.LlmTokensPerCandidateToken;

    public double FlopsPerCandidateToken => Plan.FlopsPerCandidateToken;

    public double CandidateTokensPerSecondPerDevice => Plan.CandidateTokensPerSecondPerDevice;

    public double WallHours => Plan.WallHours;

    public double DeviceHours => Plan.DeviceHours;

    public double? Cost => PricePerHour * Plan.DeviceHours;
}
