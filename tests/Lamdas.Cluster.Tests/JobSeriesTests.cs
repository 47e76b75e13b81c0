using System.Diagnostics.Metrics;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Tests;

/// <summary>The per-job series: counted per job and silo, dropped a retention after the job finishes.</summary>
public sealed class JobSeriesTests
{
    private readonly ManualTime _time = new();

    private static Dictionary<(string Job, string Silo), long> Values(IEnumerable<Measurement<long>> measurements) =>
        measurements.ToDictionary(m => ((string)Tag(m.Tags, LamdasTelemetry.JobTag)!, (string)Tag(m.Tags, LamdasTelemetry.SiloTag)!), m => m.Value);

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    [Fact]
    public void CountsAddUpPerJobAndSilo()
    {
        var series = new JobSeries(_time);
        series.Add(JobCounter.TokensScored, "a", "h:1", 10);
        series.Add(JobCounter.TokensScored, "a", "h:1", 5);
        series.Add(JobCounter.TokensScored, "a", "h:2", 7);
        series.Add(JobCounter.DocumentsScored, "b", "h:1", 3);

        var tokens = Values(series.Observe(JobCounter.TokensScored));

        Assert.Equal(15, tokens[("a", "h:1")]);
        Assert.Equal(7, tokens[("a", "h:2")]);
        Assert.Equal(0, tokens[("b", "h:1")]);
        Assert.Equal(3, Values(series.Observe(JobCounter.DocumentsScored))[("b", "h:1")]);
    }

    [Fact]
    public void AFinishedJobsSeriesGoAfterTheRetentionAndTheOthersStay()
    {
        var series = new JobSeries(_time) { Retention = TimeSpan.FromMinutes(15) };
        series.Add(JobCounter.ShardsCompleted, "done", "h:1", 4);
        series.SetProgress("done", 1);
        series.SetPrefixLoss("done", 2.5);
        series.SetPrefixEpoch("done", 3);
        series.SetQueueWait("done", 0);
        series.Add(JobCounter.ShardsCompleted, "running", "h:1", 1);
        series.SetProgress("running", 0.5);
        series.Finish("done");

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(2, Values(series.Observe(JobCounter.ShardsCompleted)).Count);
        Assert.Equal(2, series.ObserveProgress().Count());

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new[] { ("running", "h:1") }, Values(series.Observe(JobCounter.ShardsCompleted)).Keys);
        Assert.Equal(new[] { 0.5 }, series.ObserveProgress().Select(m => m.Value));
        Assert.Empty(series.ObservePrefixLoss());
        Assert.Empty(series.ObservePrefixEpoch());
        Assert.Empty(series.ObserveQueueWait());
        Assert.Equal(1, series.Jobs);
    }

    [Fact]
    public void CountingAgainClearsTheFinishMark()
    {
        var series = new JobSeries(_time) { Retention = TimeSpan.FromMinutes(1) };
        series.Add(JobCounter.ShardsLeased, "resumed", "h:1", 1);
        series.Finish("resumed");
        _time.Advance(TimeSpan.FromSeconds(30));
        series.Add(JobCounter.ShardsLeased, "resumed", "h:1", 1);

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(2, Values(series.Observe(JobCounter.ShardsLeased))[("resumed", "h:1")]);
    }

    [Fact]
    public void TheFirstFinishMarkCounts()
    {
        var series = new JobSeries(_time) { Retention = TimeSpan.FromMinutes(10) };
        series.Add(JobCounter.ShardsLeased, "j", "h:1", 1);
        series.Finish("j");
        _time.Advance(TimeSpan.FromMinutes(6));
        series.Finish("j");
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Empty(series.Observe(JobCounter.ShardsLeased));
    }
}
