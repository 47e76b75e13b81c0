using Lamdas.Engine.Planning;

namespace Lamdas.Engine.Tests;

public sealed class CapacityPlannerTests(ModelFixtures models) : IClassFixture<ModelFixtures>
{
    [Theory]
    [InlineData("qwen2-tiny", 128, 0)]
    [InlineData("llama-tiny", 1024, 30)]
    public void FlopsPerTokenAgreeWithTheBenchmarksPerDocumentCount(string model, int n, int prefix)
    {
        var m = models.Get(model);
        var perDocument = ModelFlops.Forward(m, n, 0) + ModelFlops.Forward(m, n, prefix);
        Assert.Equal(perDocument / n, CapacityPlanner.FlopsPerToken(m.Config, n, prefix), 6);
        Assert.Equal(m.MatmulParameters, CapacityPlanner.MatmulParameters(m.Config));
    }

    [Fact]
    public void WindowedScoringAddsBothPassesOverTheWindowsAfterTheFirst()
    {
        var m = models.Llama;
        const int n = 1024, window = 64, prefix = 30;
        var whole = ModelFlops.Forward(m, n, 0) + ModelFlops.Forward(m, n, prefix);
        var laterWindows = ((n / window) - 1) * (ModelFlops.Forward(m, window, 0) + ModelFlops.Forward(m, window, prefix));
        Assert.Equal((whole + laterWindows) / n, CapacityPlanner.FlopsPerToken(m.Config, n, prefix, window), 6);
        Assert.Equal(2 * CapacityPlanner.FlopsPerToken(m.Config, 48, prefix), CapacityPlanner.FlopsPerToken(m.Config, 48, prefix, window), 6);
    }

    [Fact]
    public void TimeScalesWithTokensAndInverselyWithDevices()
    {
        var config = models.Qwen2.Config;
        var one = CapacityPlanner.Estimate(config, 1e9, 1, DeviceProfile.Known["a100"]);
        var eight = CapacityPlanner.Estimate(config, 8e9, 8, DeviceProfile.Known["a100"]);
        Assert.Equal(one.WallHours, eight.WallHours, 9);
        Assert.Equal(8 * one.DeviceHours, eight.DeviceHours, 9);
        var h100 = CapacityPlanner.Estimate(config, 1e9, 1, DeviceProfile.Known["h100"]);
        Assert.True(h100.WallHours < one.WallHours);
        Assert.Equal(one.TotalFlops / one.Tokens, one.FlopsPerToken, 6);
    }

    [Theory]
    [InlineData(1, null, 0.0, 1.0)]
    [InlineData(4, null, 0.0, 2.5)]
    [InlineData(8, null, 0.0, 4.5)]
    [InlineData(4, 0.2, 0.0, 4.0)]
    [InlineData(1, null, 0.95, 0.05)]
    [InlineData(4, null, 0.5, 1.25)]
    public void DomainsShareTheBasePassWithoutACascadeAndTheStoreRemovesItsShare(int domains, double? passRate, double hit, double factor)
    {
        var config = models.Qwen2.Config;
        var inputs = new PlanInputs { CandidateTokens = 1e9, Device = DeviceProfile.Known["a100"], PassRate = passRate, PilotDocuments = 0 };
        var one = CapacityPlanner.Estimate(config, inputs);
        var reused = CapacityPlanner.Estimate(config, inputs with { Domains = domains, CacheHitShare = hit });
        Assert.Equal(factor, reused.WorkFactor, 9);
        Assert.Equal(factor * one.WallHours, reused.WallHours, 9);
        Assert.Equal(factor, reused.TotalFlops / one.TotalFlops, 9);
    }

    [Fact]
    public void ACacheHitShareOfOneOrMoreIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CapacityPlanner.WorkFactor(new PlanInputs
        {
            CandidateTokens = 1,
            Device = DeviceProfile.Known["a100"],
            CacheHitShare = 1,
        }));

    [Theory]
    [InlineData("100B", 100e9)]
    [InlineData("2.5T", 2.5e12)]
    [InlineData("40M", 40e6)]
    [InlineData("1_000k", 1e6)]
    [InlineData("12345", 12345)]
    public void TokenCountsParseWithSuffixes(string text, double expected) =>
        Assert.Equal(expected, CapacityPlanner.ParseTokens(text));

    [Theory]
    [InlineData("many")]
    [InlineData("-5B")]
    [InlineData("B")]
    public void BadTokenCountsAreRefused(string text) =>
        Assert.Throws<FormatException>(() => CapacityPlanner.ParseTokens(text));

    // A100 profile: 312e12 FLOP/s peak × 0.35 = 109.2e12 FLOP/s effective.
    private const double A100Flops = 312e12 * 0.35;

    [Fact]
    public void ScoredFractionScalesHoursLinearlyAndTheMeanScoredLengthSetsTheFlops()
    {
        var m = models.Llama;
        const int prefix = 30, mean = 100;
        var inputs = new PlanInputs
        {
            CandidateTokens = 1e12,
            Device = DeviceProfile.Known["a100"],
            Devices = 4,
            MaxTokens = 256,
            MeanScoredTokens = mean,
            PrefixLength = prefix,
        };
        var all = CapacityPlanner.Estimate(m.Config, inputs);
        var part = CapacityPlanner.Estimate(m.Config, inputs with { ScoredFraction = 0.42 });

        // Both passes over a document of the mean scored length, per token; 0.42 × 1e12 tokens of it on 4 devices.
        var perToken = (ModelFlops.Forward(m, mean, 0) + ModelFlops.Forward(m, mean, prefix)) / mean;
        var hours = 0.42e12 * perToken / (A100Flops * 4) / 3600;
        AssertClose(hours, part.WallHours);
        AssertClose(hours / 0.42, all.WallHours);
        AssertClose(perToken, part.FlopsPerToken);
        Assert.Equal(1e12, part.CandidateTokens);
        AssertClose(0.42e12, part.ScoredTokens);
        AssertClose(0.42 * 2, part.LlmTokensPerCandidateToken);

        // Scores: one row per document, documents = scored tokens ÷ mean scored length.
        AssertClose(0.42e12 / mean * CapacityPlanner.ScoreBytesPerDocument, part.ScoreBytes);
    }

    [Fact]
    public void PassRateScalesTheLlmPartAndThePilotIsPaidInFull()
    {
        var m = models.Llama;
        const int prefix = 30, mean = 200;
        var inputs = new PlanInputs
        {
            CandidateTokens = 1e10,
            Device = DeviceProfile.Known["a100"],
            Devices = 2,
            MaxTokens = 256,
            MeanScoredTokens = mean,
            ScoredFraction = 0.5,
            PrefixLength = prefix,
        };
        var plain = CapacityPlanner.Estimate(m.Config, inputs);
        var cascade = CapacityPlanner.Estimate(m.Config, inputs with { PassRate = 0.25, PilotDocuments = 4000 });
        var noPilot = CapacityPlanner.Estimate(m.Config, inputs with { PassRate = 0.25, PilotDocuments = 0 });

        // LLM tokens: 0.25 × (0.5 × 1e10) scored tokens + 4,000 pilot documents × 200 tokens = 1.25e9 + 8e5.
        var perToken = (ModelFlops.Forward(m, mean, 0) + ModelFlops.Forward(m, mean, prefix)) / mean;
        const double llm = 1.25e9 + 8e5;
        AssertClose(llm, cascade.Tokens);
        AssertClose(8e5, cascade.PilotTokens);
        AssertClose(llm * perToken / (A100Flops * 2) / 3600, cascade.WallHours);
        AssertClose(0.25 * plain.WallHours, noPilot.WallHours);
        AssertClose(plain.WallHours * (llm / 5e9), cascade.WallHours);
    }

    [Fact]
    public void CompareListsTheFourConfigurationsAndMarksCascadePlusWindowed()
    {
        var m = models.Llama;
        const int n = 256, window = 64, prefix = 30;
        var inputs = new PlanInputs
        {
            CandidateTokens = 1e10,
            Device = DeviceProfile.Known["h100"],
            Devices = 8,
            MaxTokens = n,
            ScoredFraction = 0.42,
            PrefixLength = prefix,
            WindowTokens = window,
            PassRate = 0.25,
            PilotDocuments = 4000,
            PricePerHour = 2.5,
        };
        var rows = CapacityPlanner.Compare(m.Config, inputs);
        Assert.Equal(["plain (two passes)", "windowed (64)", "cascade", "cascade + windowed"], rows.Select(r => r.Name));
        var row = Assert.Single(rows, r => r.IsDefault);
        Assert.True(row.Windowed && row.Cascade);

        // Windowed: both passes over the 256-token document, then both again over its 3 windows after the first.
        var whole = ModelFlops.Forward(m, n, 0) + ModelFlops.Forward(m, n, prefix);
        var windows = 3 * (ModelFlops.Forward(m, window, 0) + ModelFlops.Forward(m, window, prefix));
        var perToken = (whole + windows) / n;

        // LLM tokens: 0.25 × 0.42 × 1e10 + 4,000 × 256 = 1.05e9 + 1.024e6; each goes through 2 + 2 × 192/256 = 3.5 passes.
        const double llm = 1.05e9 + 1.024e6;
        AssertClose(3.5 * llm / 1e10, row.LlmTokensPerCandidateToken);
        AssertClose(perToken * llm / 1e10, row.FlopsPerCandidateToken);
        AssertClose(989e12 * 0.30 / (perToken * llm / 1e10), row.CandidateTokensPerSecondPerDevice);
        var deviceHours = llm * perToken / (989e12 * 0.30) / 3600;
        AssertClose(deviceHours / 8, row.WallHours);
        AssertClose(deviceHours, row.DeviceHours);
        AssertClose(2.5 * deviceHours, row.Cost!.Value);

        // The plain row: two passes over every scored token.
        AssertClose(2 * 0.42, rows[0].LlmTokensPerCandidateToken);
        AssertClose(whole / n * 0.42, rows[0].FlopsPerCandidateToken);
    }

    [Fact]
    public void WithoutAPassRateThereAreNoCascadeRowsAndWindowZeroMarksPlain()
    {
        var config = models.Qwen2.Config;
        var inputs = new PlanInputs { CandidateTokens = 1e9, Device = DeviceProfile.Known["a100"], MaxTokens = 1024 };
        var windowed = CapacityPlanner.Compare(config, inputs with { WindowTokens = 64 });
        Assert.Equal(["plain (two passes)", "windowed (64)"], windowed.Select(r => r.Name));
        Assert.Equal("windowed (64)", Assert.Single(windowed, r => r.IsDefault).Name);

        var plain = CapacityPlanner.Compare(config, inputs with { WindowTokens = 0 }, comparisonWindowTokens: 128);
        Assert.Equal(["plain (two passes)", "windowed (128)"], plain.Select(r => r.Name));
        Assert.Equal("plain (two passes)", Assert.Single(plain, r => r.IsDefault).Name);
        Assert.Null(plain[0].Cost);
    }

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(1.5, null)]
    [InlineData(-0.1, null)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, 1.01)]
    public void OutOfRangeSharesAreRefused(double fraction, double? passRate)
    {
        var inputs = new PlanInputs { CandidateTokens = 1e9, Device = DeviceProfile.Known["a100"], ScoredFraction = fraction, PassRate = passRate };
        Assert.Throws<ArgumentOutOfRangeException>(() => CapacityPlanner.Estimate(models.Qwen2.Config, inputs));
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-9);
}
