using Lamdas.Api.Dashboard;
using Lamdas.Api.Jobs;
using Lamdas.Api.Responses;
using Lamdas.Api.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lamdas.Api;

/// <summary>Maps the built-in dashboard.</summary>
public static class LamdasDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /</c> (the dashboard page, with its <c>/dashboard/dashboard.css</c> and <c>/dashboard/dashboard.js</c>;
    /// everything is embedded, nothing is loaded from elsewhere), <c>GET /api/v1/cluster</c> (the silos and their scoring
    /// workers; no authentication, no team's data) and, behind API-key authentication, <c>GET /api/v1/jobs/{id}/histogram</c>
    /// (the job's score histogram so far). Needs <see cref="LamdasApiServiceCollectionExtensions.AddLamdasApi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapLamdasDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (HttpContext context) => DashboardEndpoints.Asset(context, DashboardAssets.Page)).ExcludeFromDescription();
        app.MapGet("/dashboard/" + DashboardAssets.Style, (HttpContext context) => DashboardEndpoints.Asset(context, DashboardAssets.Style)).ExcludeFromDescription();
        app.MapGet("/dashboard/" + DashboardAssets.Script, (HttpContext context) => DashboardEndpoints.Asset(context, DashboardAssets.Script)).ExcludeFromDescription();

        app.MapGet(DashboardEndpoints.ClusterPath, DashboardEndpoints.ClusterAsync)
            .AddEndpointFilter<ApiExceptionFilter>()
            .WithName("GetCluster")
            .WithTags("cluster")
            .WithSummary("The active silos with their scoring workers' device, shards completed and tokens scored (no authentication).")
            .Produces<ClusterResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status500InternalServerError);

        app.MapGroup(JobEndpoints.BasePath)
            .AddEndpointFilter<ApiExceptionFilter>()
            .AddEndpointFilter<TeamAuthenticationFilter>()
            .WithTags("jobs")
            .MapGet("/{id}/histogram", DashboardEndpoints.HistogramAsync)
            .WithName("GetJobHistogram")
            .WithSummary("The job's score histogram so far: the aggregator partitions' sketches merged, cut into equal-width bins " +
                "between the smallest and largest score (bins: 1-200, default 30).")
            .Produces<HistogramResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status500InternalServerError);
        return app;
    }
}
