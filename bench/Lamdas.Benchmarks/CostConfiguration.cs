namespace Lamdas.Benchmarks;

/// <summary>One way of running the same LAMDAS job: its view (whole context, or with windows) and whether a cascade runs first.</summary>
/// <param name="Name">plain, windowed, cascade or cascade+windowed.</param>
/// <param name="WindowTokens">0: whole context only.</param>
/// <param name="Cascade">whether the job's cascade runs.</param>
/// <param name="Baseline">the configuration without a cascade whose selection this one is compared with (null: none).</param>
public sealed record CostConfiguration(string Name, int WindowTokens, bool Cascade, string? Baseline)
{
    /// <summary>The four configurations, for a job whose window (when it has one) is <paramref name="windowTokens"/>.</summary>
    public static IReadOnlyList<CostConfiguration> All(int windowTokens) =>
    [
        new("plain", 0, false, null),
        new("windowed", windowTokens, false, null),
        new("cascade", 0, true, "plain"),
        new("cascade+windowed", windowTokens, true, "windowed"),
    ];
}
