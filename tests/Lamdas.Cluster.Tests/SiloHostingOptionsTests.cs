using Lamdas.Cluster.Hosting;

namespace Lamdas.Cluster.Tests;

public sealed class SiloHostingOptionsTests
{
    [Fact]
    public void LoggedSettingsNeverShowTheRedisPassword()
    {
        var options = new SiloHostingOptions { Redis = "redis.internal:6380,ssl=true,password=hunter2,abortConnect=false" };
        var described = options.Describe();
        Assert.DoesNotContain("hunter2", described, StringComparison.Ordinal);
        Assert.Contains("redis.internal:6380", described, StringComparison.Ordinal);
        Assert.Contains("password=***", described, StringComparison.Ordinal);
        Assert.Contains("abortConnect=false", described, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutRedisTheSiloSaysItKeepsStateInMemory() =>
        Assert.Contains("in-memory state", new SiloHostingOptions().Describe(), StringComparison.Ordinal);
}
