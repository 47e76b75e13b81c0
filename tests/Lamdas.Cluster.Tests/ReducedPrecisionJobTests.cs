using Lamdas.Cluster.Hosting;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Tests;

/// <summary>A LAMDAS job in bfloat16 on a CPU silo, run through the cluster's grains in process.</summary>
[Integration]
public sealed class ReducedPrecisionJobTests : IDisposable
{
    private readonly Corpus _corpus = new(files: 1, recordsPerFile: 20);

    private string Extra => $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {Path.Combine(_corpus.Root, "reference.jsonl")}, length: 4, epochs: 1 }}\ndtype: bfloat16";

    [Fact]
    public async Task ABFloat16JobRunsWhereTheSiloAllowsItOnTheCpu()
    {
        var spec = _corpus.Spec("bf16", "lamdas", _corpus.Output("bf16"), Extra);

        var outcome = await new EmbeddedJobRunner(spec, new JobRunnerOptions(), o => o.AllowCpuReducedPrecision = true).RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(20, outcome.Documents);
        Assert.Contains("\"dtype\": \"bfloat16\"", File.ReadAllText(Path.Combine(_corpus.Output("bf16"), "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheSilosOptionTheJobFailsSayingWhy()
    {
        var spec = _corpus.Spec("bf16-refused", "lamdas", _corpus.Output("bf16-refused"), Extra);

        var outcome = await new EmbeddedJobRunner(spec, new JobRunnerOptions(), o => o.MaxAttempts = 1).RunAsync(CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("dtype bfloat16: the CPU computes in float32", outcome.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _corpus.Dispose();
}
