using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// One view over Orleans' meter so that the exported set passes <c>promtool check metrics</c> (one view, because an
/// instrument matched by several views is exported once per view). Orleans' instruments are kept, with these
/// exceptions:
/// <list type="bullet">
/// <item>Orleans' instruments carry no description: each gets one (Prometheus' HELP) naming the instrument.</item>
/// <item>Its millisecond histograms (<c>orleans_*_milliseconds</c>) are dropped: <see cref="OrleansLatencyBridge"/>
/// exports them in seconds under the same names (<c>orleans_*_seconds</c>).</item>
/// <item><c>orleans-runtime-available-memory</c> and <c>orleans-runtime-total-physical-memory</c> are dropped: they
/// are in megabytes, not bytes; the host's memory is the node's and the process's metrics' to report.</item>
/// <item><c>orleans-streams-block-pool-*</c> and <c>orleans-streams-queue-*</c> are dropped: their labels
/// (<c>BlockPoolId</c>, a random id per pool, and <c>QueueId</c>) are camelCase, and a view can drop a label but not
/// rename it (dropping it would merge the pools' and queues' observed values into one). The cluster's only streams are
/// its in-memory job event streams.</item>
/// </list>
/// </summary>
public static class OrleansMetricViews
{
    /// <summary>Orleans instruments left out of the export, other than the millisecond histograms.</summary>
    public static IReadOnlyList<string> Dropped { get; } = ["orleans-runtime-available-memory", "orleans-runtime-total-physical-memory"];

    /// <summary>Prefixes of the Orleans instruments left out for their camelCase labels.</summary>
    public static IReadOnlyList<string> DroppedPrefixes { get; } = ["orleans-streams-block-pool-", "orleans-streams-queue-"];

    public static void Add(MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.AddView(View);
    }

    /// <summary>The stream configuration of an instrument: null (as it is) for any instrument not Orleans'.</summary>
    public static MetricStreamConfiguration? View(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var bridged = instrument.Meter.Name == OrleansLatencyBridge.MeterName;
        if (instrument.Meter.Name != TelemetryServiceCollectionExtensions.OrleansMeter && !bridged)
        {
            return null;
        }

        if (OrleansLatencyBridge.IsMillisecondHistogram(instrument) || Dropped.Contains(instrument.Name)
            || DroppedPrefixes.Any(p => instrument.Name.StartsWith(p, StringComparison.Ordinal)))
        {
            return MetricStreamConfiguration.Drop;
        }

        return string.IsNullOrWhiteSpace(instrument.Description)
            ? new MetricStreamConfiguration { Description = bridged ? $"Orleans {instrument.Name}, in seconds" : $"Orleans {instrument.Name}" }
            : null;
    }
}
