using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// OpenTelemetry for a silo host: the product's meter and activity source, Orleans' own meters and traces, ASP.NET
/// Core requests; a Prometheus scrape endpoint always, and OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or
/// <c>Lamdas:Telemetry:OtlpEndpoint</c>) is set. Per-job series are exported only with
/// <see cref="PerJobMetricsKey"/> set (see <see cref="LamdasTelemetryOptions"/>).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Configuration key: true puts per-job series (the <c>lamdas_job</c> label, job progress and prefix loss) on the
    /// exported metrics; false (default) exports the cluster's totals per silo only.
    /// </summary>
    public const string PerJobMetricsKey = LamdasTelemetryOptions.Section + ":" + nameof(LamdasTelemetryOptions.PerJobMetrics);

    /// <summary>Orleans' meter name.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IServiceCollection AddLamdasTelemetry(this IServiceCollection services, IConfiguration configuration, string instance)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LamdasTelemetryOptions.Section);
        services.AddOptions<LamdasTelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<JobSeriesRetention>();
        services.AddHostedService<OrleansLatencyBridge>();
        var otlp = section[nameof(LamdasTelemetryOptions.OtlpEndpoint)] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var perJob = section.GetValue<bool>(nameof(LamdasTelemetryOptions.PerJobMetrics));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("lamdas", serviceInstanceId: instance))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(LamdasTelemetry.Name, OrleansMeter, OrleansLatencyBridge.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                metrics.AddView(LamdasTelemetry.ShardDurationName, new ExplicitBucketHistogramConfiguration { Boundaries = [.. LamdasTelemetry.ShardDurationBounds] });
                metrics.AddView(LamdasTelemetry.BatchLatencyName, new ExplicitBucketHistogramConfiguration { Boundaries = [.. LamdasTelemetry.BatchLatencyBounds] });
                OrleansMetricViews.Add(metrics);
                if (!perJob)
                {
                    // /metrics needs no key: job ids (which name a team's work) stay off it unless the operator opts in.
                    foreach (var instrument in LamdasTelemetry.PerJobInstruments)
                    {
                        metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                    }
                }

                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(LamdasTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapLamdasMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
