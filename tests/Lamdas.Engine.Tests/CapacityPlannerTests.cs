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
}
