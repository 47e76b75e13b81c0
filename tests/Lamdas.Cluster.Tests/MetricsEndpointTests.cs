using Lamdas.Cluster.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// The Prometheus text of a host configured as a silo's (<see cref="TelemetryServiceCollectionExtensions.AddLamdasTelemetry"/>):
/// second-scale histogram buckets, counters at 0 from the start, per-job series under <c>lamdas_job</c> that leave
/// once their job has been finished for the retention.
/// </summary>
[Collection("Telemetry")]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly string _silo = $"endpoint-test-{Guid.NewGuid():N}:1";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Lamdas:Telemetry:PerJobMetrics"] = "true";
        builder.Configuration["Lamdas:Telemetry:FinishedJobRetention"] = "00:00:02";
        builder.Services.AddLamdasTelemetry(builder.Configuration, "endpoint-test");
        _app = builder.Build();
        _app.MapLamdasMetrics();
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        LamdasTelemetry.Jobs.Retention = LamdasTelemetryOptions.DefaultFinishedJobRetention;
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _http.Dispose();
    }

    private async Task<string> ScrapeAsync()
    {
        // The exporter keeps a scrape's response for a short while.
        await Task.Delay(400);
        return await _http.GetStringAsync(new Uri("metrics", UriKind.Relative));
    }

    [Fact]
    public async Task HistogramsHaveSecondScaleBuckets()
    {
        LamdasTelemetry.ShardDuration.Record(42, LamdasTelemetry.Silo(_silo));
        LamdasTelemetry.BatchLatency.Record(0.02, LamdasTelemetry.Silo(_silo));

        var samples = PrometheusText.Parse(await ScrapeAsync());

        var shard = PrometheusText.Select(samples, "lamdas_shard_duration_seconds_bucket", ("silo", _silo));
        Assert.Equal(new[] { "0.5", "1", "2.5", "5", "10", "30", "60", "120", "300", "600", "1200", "1800", "3600", "+Inf" }, shard.Select(s => s.Labels["le"]));
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 }, shard.Select(s => s.Value));
        var batch = PrometheusText.Select(samples, "lamdas_batch_latency_seconds_bucket", ("silo", _silo));
        Assert.Equal(new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf" }, batch.Select(s => s.Labels["le"]));
        Assert.Equal(1, batch.Single(s => s.Labels["le"] == "0.025").Value);
        Assert.Equal(0, batch.Single(s => s.Labels["le"] == "0.01").Value);
    }

    [Fact]
    public async Task EveryCounterOfASiloIsExportedAtZeroFromTheStart()
    {
        LamdasTelemetry.AnnounceSilo(_silo);

        var samples = PrometheusText.Parse(await ScrapeAsync());

        foreach (var counter in new[]
        {
            "lamdas_tokens_scored_total", "lamdas_documents_scored_total", "lamdas_documents_selected_total", "lamdas_documents_quarantined_total",
            "lamdas_shards_leased_total", "lamdas_shards_completed_total", "lamdas_shards_failed_total",
        })
        {
            var sample = Assert.Single(PrometheusText.Select(samples, counter, ("silo", _silo)));
            Assert.Equal(0, sample.Value);
        }
    }

    [Fact]
    public async Task AFinishedJobsSeriesLeaveAfterTheRetention()
    {
        var job = $"endpoint-job-{Guid.NewGuid():N}";
        LamdasTelemetry.Count(JobCounter.TokensScored, job, _silo, 123);
        LamdasTelemetry.SetProgress(job, 0.25);
        LamdasTelemetry.FinishJob(job);

        var before = PrometheusText.Parse(await ScrapeAsync());
        Assert.Equal(123, Assert.Single(PrometheusText.Select(before, "lamdas_job_tokens_scored_total", ("lamdas_job", job), ("silo", _silo))).Value);
        Assert.Equal(0.25, Assert.Single(PrometheusText.Select(before, "lamdas_job_progress_ratio", ("lamdas_job", job))).Value);
        Assert.Equal(123, Assert.Single(PrometheusText.Select(before, "lamdas_tokens_scored_total", ("silo", _silo))).Value);
        Assert.DoesNotContain(before, s => s.Labels.ContainsKey("job"));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var after = await ScrapeAsync();

        Assert.DoesNotContain(job, after, StringComparison.Ordinal);
        Assert.Equal(123, Assert.Single(PrometheusText.Select(PrometheusText.Parse(after), "lamdas_tokens_scored_total", ("silo", _silo))).Value);
    }
}
