using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using TorchSharp;

namespace Lamdas.Jobs.Tests;

/// <summary>The job's <c>dtype</c> is what the scorer's model is loaded in.</summary>
public sealed class ScorerFactoryDTypeTests
{
    private static JobSpec Spec(string extra) => JobSpecParser.Parse($"""
        name: j
        model: {RepoPaths.TinyModel}
        input: in.jsonl
        output: out
        method: ppl
        selection: {"{"} mode: top-fraction, fraction: 0.5 {"}"}
        max_tokens: 16
        """ + "\n" + extra);

    [Theory]
    [InlineData("", "auto", torch.ScalarType.Float32)]
    [InlineData("dtype: float32", "float32", torch.ScalarType.Float32)]
    [InlineData("dtype: bfloat16", "bfloat16", torch.ScalarType.BFloat16)]
    public async Task TheJobsDTypeReachesTheEngine(string extra, string passed, torch.ScalarType loaded)
    {
        EngineOptions? seen = null;
        var factory = new ScorerFactory(new ObjectStore(), Spec(extra), null, (directory, options) =>
        {
            seen = options;
            // A host that allows reduced precision on the CPU (a silo's AllowCpuReducedPrecision).
            return LanguageModel.Load(directory, options with { AllowCpuReducedPrecision = true });
        });

        using var scorer = await factory.CreateAsync([], CancellationToken.None);
        using var model = factory.Model!;

        Assert.Equal(passed, seen!.DType);
        Assert.Equal(loaded, model.DType);
    }

    [Fact]
    public async Task BFloat16OnTheCpuFailsWithoutTheExplicitOption()
    {
        var factory = new ScorerFactory(new ObjectStore(), Spec("dtype: bfloat16"), null);

        var error = await Assert.ThrowsAsync<EngineException>(() => factory.CreateAsync([], CancellationToken.None));

        Assert.StartsWith("dtype bfloat16: the CPU computes in float32", error.Message, StringComparison.Ordinal);
    }
}
