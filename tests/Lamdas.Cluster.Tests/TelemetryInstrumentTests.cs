using System.Diagnostics.Metrics;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// <c>/metrics</c> needs no key, so job ids stay off it unless per-job series are switched on: that works only if every
/// instrument recorded with a job label is listed as per-job, and every other one is labelled by silo only.
/// </summary>
public sealed class TelemetryInstrumentTests
{
    [Fact]
    public void EveryInstrumentOfTheProductIsClassifiedForTheUnauthenticatedEndpoint()
    {
        var published = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == LamdasTelemetry.Name)
            {
                lock (published)
                {
                    published.Add(instrument.Name);
                }
            }
        };
        _ = LamdasTelemetry.ShardDuration;
        listener.Start();

        Assert.True(published.Count >= 22, "instruments seen: " + string.Join(", ", published));
        var unclassified = published.Except(LamdasTelemetry.PerJobInstruments).Except(LamdasTelemetry.PerSiloInstruments).ToList();
        Assert.True(unclassified.Count == 0, "not classified: " + string.Join(", ", unclassified));
        var stale = LamdasTelemetry.PerJobInstruments.Concat(LamdasTelemetry.PerSiloInstruments).Except(published).ToList();
        Assert.True(stale.Count == 0, "listed but not published: " + string.Join(", ", stale));
        Assert.Empty(LamdasTelemetry.PerJobInstruments.Intersect(LamdasTelemetry.PerSiloInstruments));
    }

    [Fact]
    public void PerSiloInstrumentsNeverCarryAJobLabel()
    {
        const string job = "instrument-test-job";
        var labels = new List<(string Instrument, string Key)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LamdasTelemetry.Name && LamdasTelemetry.PerSiloInstruments.Contains(instrument.Name))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            lock (labels)
            {
                labels.AddRange(tags.ToArray().Select(t => (instrument.Name, t.Key)));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            lock (labels)
            {
                labels.AddRange(tags.ToArray().Select(t => (instrument.Name, t.Key)));
            }
        });
        listener.Start();

        foreach (var counter in Enum.GetValues<JobCounter>())
        {
            LamdasTelemetry.Count(counter, job, "host-a:11111", 1);
        }

        LamdasTelemetry.ShardDuration.Record(1, LamdasTelemetry.Silo("host-a:11111"));

        lock (labels)
        {
            Assert.Contains(labels, l => l.Instrument == "lamdas.shards.failed" && l.Key == "silo");
            Assert.DoesNotContain(labels, l => l.Key is "job" or LamdasTelemetry.JobTag);
        }
    }

    [Fact]
    public void TheSiloLabelIsHostAndPortWithoutTheGeneration()
    {
        var address = Orleans.Runtime.SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111), 123456789);

        Assert.Equal(System.Net.Dns.GetHostName() + ":11111", LamdasTelemetry.SiloLabel(address));
        Assert.Equal("lamdas-silo-0:11111", LamdasTelemetry.SiloLabel("lamdas-silo-0", 11111));
        Assert.Equal("lamdas_job", LamdasTelemetry.JobTag);
    }
}
