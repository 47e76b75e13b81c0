using System.ComponentModel.DataAnnotations;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Workers;
using Lamdas.Engine;
using Lamdas.Jobs.Spec;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using static TorchSharp.torch;

namespace Lamdas.Cluster.Tests;

/// <summary>The compute dtype a silo's worker loads a job's model in: the job's own, else the silo's, else by device.</summary>
public sealed class WorkerDTypeTests
{
    [Fact]
    public void TheJobsDTypeWinsOverTheSilosUnlessItIsAuto()
    {
        using var cache = new ModelCache("cpu", "bfloat16", allowCpuReducedPrecision: true, threads: 2, NullLogger.Instance);

        var silos = cache.Load(RepoPaths.TinyModel, new EngineOptions { DType = "auto", Threads = 2 });
        var jobs = cache.Load(RepoPaths.TinyModel, new EngineOptions { DType = "float32", Threads = 2 });
        var again = cache.Load(RepoPaths.TinyModel, new EngineOptions { DType = "bfloat16", Threads = 2 });

        Assert.Equal(ScalarType.BFloat16, silos.DType);
        Assert.Equal(ScalarType.Float32, jobs.DType);
        Assert.Same(silos, again);
        Assert.Equal([RepoPaths.TinyModel, RepoPaths.TinyModel], cache.Loaded);
    }

    [Fact]
    public void AutoOnBothSidesIsFloat32OnTheCpu()
    {
        using var cache = new ModelCache("cpu", "auto", allowCpuReducedPrecision: false, threads: 2, NullLogger.Instance);

        Assert.Equal(ScalarType.Float32, cache.Load(RepoPaths.TinyModel, new EngineOptions { DType = "auto", Threads = 2 }).DType);
    }

    [Fact]
    public void ReducedPrecisionOnACpuSiloNeedsItsOption()
    {
        using var cache = new ModelCache("cpu", "auto", allowCpuReducedPrecision: false, threads: 2, NullLogger.Instance);

        var error = Assert.Throws<EngineException>(() => cache.Load(RepoPaths.TinyModel, new EngineOptions { DType = "bfloat16", Threads = 2 }));

        Assert.Contains("Lamdas:Cluster:AllowCpuReducedPrecision", error.Message, StringComparison.Ordinal);
        Assert.Empty(cache.Loaded);
    }

    [Theory]
    [InlineData("auto", true)]
    [InlineData("float32", true)]
    [InlineData("bfloat16", true)]
    [InlineData("float16", true)]
    [InlineData("bf16", false)]
    [InlineData("", false)]
    public void TheSilosDTypeIsValidated(string dtype, bool valid)
    {
        var options = new LamdasClusterOptions { DType = dtype };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal("auto", new LamdasClusterOptions().DType);
        if (!valid)
        {
            Assert.Contains(results, r => r.MemberNames.Contains(nameof(LamdasClusterOptions.DType)));
        }
    }

    [Theory]
    [InlineData("", ComputeDType.Auto)]
    [InlineData("dtype: bfloat16\n", ComputeDType.BFloat16)]
    public void TheJobsDTypeCrossesTheClusterWire(string extra, ComputeDType expected)
    {
        var spec = JobSpecParser.Parse("name: j\ninput: in.jsonl\noutput: out\nmodel: m\nprefix: { path: p }\n" + extra);
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<JobSpec>(serializer.SerializeToArray(spec))!;

        Assert.Equal(expected, copy.DType);
        Assert.Equal(JobSpecParser.ToJson(spec), JobSpecParser.ToJson(copy));
    }
}
