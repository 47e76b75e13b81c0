using System.Diagnostics.Metrics;
using Lamdas.Cluster.Telemetry;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// <c>/metrics</c> needs no key, so job ids stay off it unless per-job series are switched on: that works only if every
/// instrument recorded with a job label is listed as such.
/// </summary>
public sealed class TelemetryInstrumentTests
{
    /// <summary>Instruments labelled by silo only (these two are observed per silo, never per job).</summary>
    private static readonly string[] SiloOnly = ["lamdas.model.memory", "lamdas.tokenizer.queue.depth"];

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
        _ = LamdasTelemetry.TokensScored;
        listener.Start();

        Assert.True(published.Count >= 13, "instruments seen: " + string.Join(", ", published));
        var unclassified = published.Except(LamdasTelemetry.JobLabelledInstruments).Except(LamdasTelemetry.PerJobOnlyInstruments).Except(SiloOnly).ToList();
        Assert.True(unclassified.Count == 0, "not classified: " + string.Join(", ", unclassified));
        var stale = LamdasTelemetry.JobLabelledInstruments.Concat(LamdasTelemetry.PerJobOnlyInstruments).Except(published).ToList();
        Assert.True(stale.Count == 0, "listed but not published: " + string.Join(", ", stale));
    }
}
