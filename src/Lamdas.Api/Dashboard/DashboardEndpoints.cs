using Lamdas.Api.Jobs;
using Lamdas.Api.Responses;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lamdas.Api.Dashboard;

/// <summary>The dashboard's page and the JSON it reads besides the job endpoints.</summary>
internal static class DashboardEndpoints
{
    public const string ClusterPath = "/api/v1/cluster";

    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(2);

    public static IResult Asset(HttpContext context, string name)
    {
        var asset = DashboardAssets.Get(name);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.IsPage)
        {
            headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
                "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
        }

        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    public static async Task<IResult> ClusterAsync(IGrainFactory grains, ILoggerFactory loggers, CancellationToken cancellation)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(true, cancellation);
        var log = loggers.CreateLogger(ApiLog.Category);
        var silos = await Task.WhenAll(hosts
            .Select(h => (Address: h.Key.ToParsableString(), Status: h.Value))
            .OrderBy(h => h.Address, StringComparer.Ordinal)
            .Select(async h => new SiloResponse(h.Address, h.Status.ToString().ToLowerInvariant(),
                await WorkerAsync(grains, h.Address, log, cancellation))));
        return ApiResults.Json(new ClusterResponse(silos));
    }

    public static async Task<IResult> HistogramAsync(HttpContext context, JobDirectory jobs, IGrainFactory grains, string id, int? bins)
    {
        if (bins is < 1 or > SketchHistogram.MaxBins)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"bins must be between 1 and {SketchHistogram.MaxBins}");
        }

        var status = await JobEndpoints.OwnedStatusAsync(context, jobs, id);
        if (status is null)
        {
            return ApiResults.NotFound(id);
        }

        var distributions = await Task.WhenAll(Enumerable.Range(0, status.Partitions)
            .Select(p => grains.GetGrain<IAggregatorGrain>($"{id}/{p}").GetDistributionAsync()));
        var spec = await jobs.Coordinator(id).GetSpecAsync();
        return ApiResults.Json(Histogram(id, distributions, bins ?? SketchHistogram.DefaultBins, spec.Domains is null ? spec : null));
    }

    /// <summary>Merges the partitions' sketches and bins the result; with the job's spec, places its selection cut-off.</summary>
    public static HistogramResponse Histogram(string jobId, IEnumerable<ScoreDistribution> distributions, int bins, JobSpec? spec = null)
    {
        QuantileSketch? merged = null;
        long selected = 0;
        foreach (var distribution in distributions)
        {
            selected += distribution.Selected;
            if (distribution.Sketch.Length == 0)
            {
                continue;
            }

            var sketch = QuantileSketch.FromBytes(distribution.Sketch);
            if (merged is null)
            {
                merged = sketch;
            }
            else
            {
                merged.Merge(sketch);
            }
        }

        if (merged is null || merged.Count == 0)
        {
            return new HistogramResponse(jobId, 0, selected, null, null, []);
        }

        var histogram = SketchHistogram.Bins(merged, bins);
        return histogram.Count == 0
            ? new HistogramResponse(jobId, merged.Count, selected, null, null, [])
            : new HistogramResponse(jobId, merged.Count, selected, histogram[0].Lower, histogram[^1].Upper, histogram, Threshold(spec, merged));
    }

    /// <summary>The score a document must exceed: the spec's, or for a top fraction the sketch's quantile; null if unknown.</summary>
    private static double? Threshold(JobSpec? spec, QuantileSketch sketch)
    {
        if (spec is null)
        {
            return null;
        }

        var cut = spec.Selection.Mode == SelectionMode.TopFraction
            ? sketch.Quantile(Math.Clamp(1 - spec.Selection.Fraction, 0, 1))
            : spec.Selection.CutOff(spec.Method);
        return double.IsFinite(cut) ? cut : null;
    }

    private static async Task<SiloWorkerResponse?> WorkerAsync(IGrainFactory grains, string address, ILogger log, CancellationToken cancellation)
    {
        try
        {
            var status = await grains.GetGrain<IScoringWorkerGrain>(address).GetStatusAsync().WaitAsync(WorkerTimeout, cancellation);
            return new SiloWorkerResponse(status.Device, status.CurrentJob is not null, status.ShardsCompleted, status.TokensScored, status.LoadedModels.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            log.WorkerStatusUnavailable(address, e.Message);
            return null;
        }
    }
}
