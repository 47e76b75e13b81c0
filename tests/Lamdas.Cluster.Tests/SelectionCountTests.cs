using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// <c>lamdas_documents_selected_total</c> counts a top-fraction job's selections when the finalizer decides them
/// (before, it stayed 0 for such jobs: only threshold mode counted, while scoring).
/// </summary>
[Collection("Telemetry")]
public sealed class SelectionCountTests : IDisposable
{
    private readonly Corpus _corpus = new(files: 2, recordsPerFile: 20);

    [Fact]
    public async Task ATopFractionJobCountsItsSelectionsOnceAtFinalization()
    {
        var name = "selcount" + Guid.NewGuid().ToString("N")[..8];
        var spec = _corpus.Spec(name, "random", _corpus.Output("top"));

        var outcome = await new EmbeddedJobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.True(outcome.Selected > 0, "the job selected nothing");
        Assert.Equal(40, outcome.Documents);
        var selected = Counted(JobCounter.DocumentsSelected, name);
        var scored = Counted(JobCounter.DocumentsScored, name);
        Assert.Equal(outcome.Selected, selected);
        Assert.Equal(40, scored);
    }

    [Fact]
    public async Task AThresholdJobCountsItsSelectionsWhileScoringAndNotAgain()
    {
        var name = "selthr" + Guid.NewGuid().ToString("N")[..8];
        var yaml = _corpus.Yaml(name, "random", _corpus.Output("threshold")).Replace("{ mode: top-fraction, fraction: 0.3 }", "{ mode: threshold, threshold: 0.5 }", StringComparison.Ordinal);
        var spec = Lamdas.Jobs.Spec.JobSpecParser.Parse(yaml, Corpus.Limits);

        var outcome = await new EmbeddedJobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.True(outcome.Selected > 0, "the job selected nothing");
        Assert.Equal(outcome.Selected, Counted(JobCounter.DocumentsSelected, name));
    }

    private static long Counted(JobCounter counter, string jobName) =>
        LamdasTelemetry.Jobs.Observe(counter).Where(m => JobOf(m.Tags)?.StartsWith(jobName + "-", StringComparison.Ordinal) == true).Sum(m => m.Value);

    private static string? JobOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == LamdasTelemetry.JobTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    public void Dispose() => _corpus.Dispose();
}
