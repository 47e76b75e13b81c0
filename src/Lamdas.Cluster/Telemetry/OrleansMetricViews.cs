using OpenTelemetry.Metrics;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// Views over Orleans' meter so that the exported set passes <c>promtool check metrics</c>. Each exception:
/// <list type="bullet">
/// <item>Orleans' millisecond histograms are dropped: <see cref="OrleansLatencyBridge"/> exports them in seconds
/// under the same names (<c>orleans_*_seconds</c>).</item>
/// </list>
/// </summary>
public static class OrleansMetricViews
{
    public static void Add(MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.AddView(instrument => OrleansLatencyBridge.IsMillisecondHistogram(instrument) ? MetricStreamConfiguration.Drop : null);
    }
}
