using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// Re-records Orleans' millisecond histograms (grain call, activation, storage, directory latencies) in seconds, on
/// the meter <see cref="MeterName"/> under the same instrument names, so that <c>/metrics</c> carries
/// <c>orleans_*_seconds</c> histograms: Prometheus' base unit, which <c>promtool check metrics</c> requires (the
/// originals, <c>orleans_*_milliseconds</c>, are dropped by <see cref="OrleansMetricViews"/>). Bucket bounds are
/// Orleans' own (or OpenTelemetry's default millisecond bounds) divided by 1000. Only the host's own Orleans meter is
/// listened to (the meter its <see cref="IMeterFactory"/> created), so hosts sharing a process do not count twice.
/// </summary>
public sealed class OrleansLatencyBridge(IMeterFactory meters) : IHostedService, IDisposable
{
    /// <summary>The meter of the re-recorded histograms.</summary>
    public const string MeterName = "Lamdas.Cluster.Orleans";

    /// <summary>OpenTelemetry's default histogram bounds, for Orleans histograms without advice (milliseconds).</summary>
    private static readonly double[] DefaultMilliseconds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<Instrument, Histogram<double>> _seconds = new();
    private Meter? _meter;
    private MeterListener? _listener;

    /// <summary>Whether an instrument is one of Orleans' millisecond histograms that this bridge re-records.</summary>
    public static bool IsMillisecondHistogram(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Name == TelemetryServiceCollectionExtensions.OrleansMeter
            && instrument.Unit == "ms"
            && instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _meter = meters.Create(MeterName);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (IsMillisecondHistogram(instrument) && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    _seconds.GetOrAdd(instrument, Create);
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _meter?.Dispose();
    }

    private void Record(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_seconds.TryGetValue(instrument, out var seconds))
        {
            seconds.Record(milliseconds / 1000, tags);
        }
    }

    private Histogram<double> Create(Instrument instrument)
    {
        var bounds = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries
            ?? (instrument as Histogram<long>)?.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList()
            ?? (instrument as Histogram<int>)?.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList()
            ?? (IReadOnlyList<double>)DefaultMilliseconds;
        return _meter!.CreateHistogram<double>(instrument.Name, "s", instrument.Description,
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = bounds.Select(b => b / 1000).ToList() });
    }
}
