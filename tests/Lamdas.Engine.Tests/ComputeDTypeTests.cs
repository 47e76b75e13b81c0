using Lamdas.Engine.Model;
using Lamdas.Engine.Scoring;
using static TorchSharp.torch;

namespace Lamdas.Engine.Tests;

/// <summary>Which dtype a setting computes in, and the float32 log-softmax that reduced-precision layers feed.</summary>
public sealed class ComputeDTypeTests
{
    [Theory]
    [InlineData(null, true, "bfloat16")]
    [InlineData("auto", true, "bfloat16")]
    [InlineData(null, false, "float32")]
    [InlineData("auto", false, "float32")]
    [InlineData("float32", true, "float32")]
    [InlineData("bfloat16", false, "bfloat16")]
    [InlineData("float16", true, "float16")]
    [InlineData("bf16", true, "bfloat16")]
    [InlineData(" FP32 ", true, "float32")]
    public void AutoIsBFloat16OnCudaAndFloat32OnTheCpu(string? dtype, bool cuda, string expected) =>
        Assert.Equal(expected, EngineOptions.EffectiveDType(dtype, cuda));

    [Fact]
    public void AnUnknownDTypeIsRefusedByName()
    {
        var error = Assert.Throws<EngineException>(() => EngineOptions.EffectiveDType("int8", cuda: true));
        Assert.Equal("dtype int8: expected auto, float32, bfloat16 or float16", error.Message);
        Assert.False(EngineOptions.IsDType("int8"));
        Assert.True(EngineOptions.IsDType("auto"));
    }

    [Theory]
    [InlineData("bfloat16", "float32", "bfloat16")]
    [InlineData("float32", "bfloat16", "float32")]
    [InlineData("auto", "bfloat16", "bfloat16")]
    [InlineData(null, "float16", "float16")]
    [InlineData("auto", "auto", "auto")]
    [InlineData(null, null, "auto")]
    public void TheJobsDTypeWinsOverTheHostsUnlessItIsAuto(string? job, string? host, string expected) =>
        Assert.Equal(expected, EngineOptions.PreferDType(job, host));

    [Fact]
    public void TheCpuComputesInFloat32UnlessReducedPrecisionIsAllowed()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "models", "lamdas-tiny");

        using (var auto = LanguageModel.Load(directory, new EngineOptions { Threads = 2 }))
        {
            Assert.Equal(ScalarType.Float32, auto.DType);
        }

        var error = Assert.Throws<EngineException>(() => LanguageModel.Load(directory, new EngineOptions { DType = "bfloat16", Threads = 2 }));
        Assert.StartsWith("dtype bfloat16: the CPU computes in float32", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-cpu-reduced-precision", error.Message, StringComparison.Ordinal);

        using var allowed = LanguageModel.Load(directory, new EngineOptions { DType = "bfloat16", AllowCpuReducedPrecision = true, Threads = 2 });
        Assert.Equal(ScalarType.BFloat16, allowed.DType);
        Assert.All(allowed.Network.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
    }

    /// <summary>
    /// Logits of 4096 entries, all 0 but the target's 1 (every value exact in bfloat16): log softmax at the target is
    /// 1 − ln(4095 + e) = −7.31802…, worked out here in float64. A bfloat16 log-sum-exp would round ln(4097.7) ≈ 8.318
    /// to 8.3125, the nearest multiple of 1/16 (bfloat16 keeps 8 significant bits), 0.0057 off; float32 is within 1e-5.
    /// </summary>
    [Fact]
    public void LogSoftmaxOfReducedPrecisionLogitsIsComputedInFloat32()
    {
        const int vocab = 4096;
        const int target = 1234;
        var expected = 1 - Math.Log(vocab - 1 + Math.E);
        var values = new float[2 * vocab];
        values[target] = 1;
        values[vocab + target] = 1;
        using var logits = tensor(values, [2, vocab]).to(ScalarType.BFloat16);
        using var targets = tensor(new long[] { target, 0 });

        using var picked = LogLikelihoodEngine.PickedLogProbs(logits, targets);

        Assert.Equal(ScalarType.Float32, picked.dtype);
        var result = picked.data<float>().ToArray();
        Assert.True(Math.Abs(result[0] - expected) < 1e-5, $"{result[0]} vs {expected}");
        Assert.True(Math.Abs(result[1] - (expected - 1)) < 1e-5, $"{result[1]} vs {expected - 1}");

        // The same reduction left in bfloat16 is visibly off: what the float32 cast is there to avoid.
        using var narrow = logits.logsumexp(1);
        var narrowLogProb = 1 - narrow.to(ScalarType.Float32).data<float>()[0];
        Assert.True(Math.Abs(narrowLogProb - expected) > 1e-3, $"a bfloat16 log-sum-exp gave {narrowLogProb}, expected to be off {expected}");
    }
}
