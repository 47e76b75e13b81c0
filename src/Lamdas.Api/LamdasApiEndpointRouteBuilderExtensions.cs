using Lamdas.Api.Jobs;
using Lamdas.Api.Responses;
using Lamdas.Api.Teams;
using Lamdas.Cluster.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lamdas.Api;

/// <summary>Maps the Lamdas HTTP API's endpoints.</summary>
public static class LamdasApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /healthz</c>, <c>GET /openapi/v1.json</c> and, behind API-key authentication, <c>/api/v1/jobs</c>:
    /// submit (POST), list (GET), <c>{id}</c> (GET), <c>{id}/cancel</c> (POST), <c>{id}/report</c> (GET) and
    /// <c>{id}/events</c> (GET, server-sent events), and the dashboard (<see cref="LamdasDashboardEndpointRouteBuilderExtensions.MapLamdasDashboard"/>).
    /// Needs <see cref="LamdasApiServiceCollectionExtensions.AddLamdasApi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapLamdasApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok", "text/plain"))
            .WithName("Health")
            .WithTags("public")
            .WithSummary("Liveness probe (no authentication).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

        var jobs = app.MapGroup(JobEndpoints.BasePath)
            .AddEndpointFilter<ApiExceptionFilter>()
            .AddEndpointFilter<TeamAuthenticationFilter>()
            .WithTags("jobs");

        jobs.MapPost("", JobEndpoints.SubmitAsync)
            .WithName("SubmitJob")
            .WithCommonErrors()
            .WithSummary("Submit a job specification (the request body: JSON, or YAML); the job id is in the status and the Location header.")
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .Produces<SpecErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<AccessDeniedResponse>(StatusCodes.Status403Forbidden)
            .Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests);

        jobs.MapGet("", JobEndpoints.ListAsync)
            .WithName("ListJobs")
            .WithCommonErrors()
            .WithSummary("The team's jobs with their status, newest first (limit: 1-1000, default 100).")
            .Produces<JobListResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest);

        jobs.MapGet("/{id}", JobEndpoints.GetAsync)
            .WithName("GetJob")
            .WithCommonErrors()
            .WithSummary("A job's status.")
            .Produces<JobStatus>()
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound);

        jobs.MapPost("/{id}/cancel", JobEndpoints.CancelAsync)
            .WithName("CancelJob")
            .WithCommonErrors()
            .WithSummary("Cancel a job (optional query parameter reason).")
            .Produces<JobStatus>()
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound);

        jobs.MapGet("/{id}/report", JobEndpoints.ReportAsync)
            .WithName("GetJobReport")
            .WithCommonErrors()
            .WithSummary("The job's report.html, once it exists.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status502BadGateway);

        jobs.MapGet("/{id}/events", JobEndpoints.EventsAsync)
            .WithName("JobEvents")
            .WithCommonErrors()
            .WithSummary("Server-sent events: the current status ('status'), then 'progress' and 'phase' events, ending with 'finished'; " +
                "each data line is the job status JSON. A ': heartbeat' comment is sent every 15 s while idle.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound);

        app.MapLamdasDashboard();
        app.MapOpenApi();
        return app;
    }

    private static RouteHandlerBuilder WithCommonErrors(this RouteHandlerBuilder builder) => builder
        .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized)
        .Produces<ErrorResponse>(StatusCodes.Status500InternalServerError);
}
