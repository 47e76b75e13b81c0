using System.ComponentModel.DataAnnotations;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Workers;
using Lamdas.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lamdas.Cluster.Tests;

/// <summary>The CPU thread count a silo's worker computes with: the silo's, whatever a job's <c>threads</c> says.</summary>
public sealed class WorkerThreadsTests
{
    [Fact]
    public void EveryJobOnASiloComputesWithTheSilosThreadCount()
    {
        using var cache = new ModelCache("cpu", "auto", allowCpuReducedPrecision: false, threads: 1, NullLogger.Instance);

        var first = cache.Load(RepoPaths.TinyModel, new EngineOptions { Threads = 64 });
        var second = cache.Load(RepoPaths.TinyModel, new EngineOptions { Threads = 3 });

        Assert.Same(first, second);
        Assert.Equal(1, first.Threads);
    }

    [Fact]
    public void ZeroIsLibtorchsDefault()
    {
        using var cache = new ModelCache("cpu", "auto", allowCpuReducedPrecision: false, threads: 0, NullLogger.Instance);

        Assert.Equal(TorchRuntime.DefaultThreads, cache.Load(RepoPaths.TinyModel, new EngineOptions { Threads = 7 }).Threads);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(16, true)]
    [InlineData(1024, true)]
    [InlineData(-1, false)]
    [InlineData(1025, false)]
    public void TheSilosThreadCountIsValidated(int threads, bool valid)
    {
        var options = new LamdasClusterOptions { Threads = threads };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(valid, !results.Any(r => r.MemberNames.Contains(nameof(LamdasClusterOptions.Threads))));
    }
}
