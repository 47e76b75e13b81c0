using System.Threading.Channels;
using Lamdas.Api.Access;
using Lamdas.Api.Events;
using Lamdas.Api.Responses;
using Lamdas.Api.Teams;
using Lamdas.Cluster;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lamdas.Api.Jobs;

/// <summary>The handlers of <c>/api/v1/jobs</c>; every one runs behind <see cref="TeamAuthenticationFilter"/>.</summary>
internal static class JobEndpoints
{
    public const string BasePath = "/api/v1/jobs";

    private const int DefaultListLimit = 100;
    private const int MaxListLimit = 1000;

    public static async Task<IResult> SubmitAsync(
        HttpContext context, JobDirectory jobs, IObjectStore store, IOptions<SpecLimits> limitOptions, TimeProvider time, ILoggerFactory loggers)
    {
        var team = context.GetTeam();
        var log = loggers.CreateLogger(ApiLog.Category);
        var limits = limitOptions.Value;
        var ct = context.RequestAborted;
        var (text, bodyError) = await SpecBody.ReadAsync(context.Request, limits.MaxSpecBytes, ct);
        if (bodyError is not null)
        {
            log.SpecRejected(team.Name, 1);
            return bodyError;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ApiResults.Json(new SpecErrorResponse("invalid job specification", ["the request body must be the job specification as JSON or YAML"]), StatusCodes.Status400BadRequest);
        }

        JobSpec spec;
        try
        {
            spec = JobSpecParser.Parse(text, limits);
        }
        catch (JobSpecException e)
        {
            log.SpecRejected(team.Name, e.Problems.Count);
            return ApiResults.Json(new SpecErrorResponse("invalid job specification", e.Problems), StatusCodes.Status400BadRequest);
        }

        var violations = SpecAccessChecker.Check(spec, team);
        if (violations.Count > 0)
        {
            var first = violations[0];
            log.AccessDenied(team.Name, string.Join("; ", violations.Select(v => v.Reason)));
            return ApiResults.Json(new AccessDeniedResponse(first.Reason, first.Field, first.AllowedPrefixes, violations), StatusCodes.Status403Forbidden);
        }

        // The team's limits (Lamdas:Teams:N:MaxActiveJobs, MaxQueuedShards) are checked against what it has in the cluster now.
        if (team.Quota.Refusal(team.Name, await jobs.UsageAsync(team.Name)) is { } refusal)
        {
            log.TeamLimitReached(team.Name, refusal);
            return ApiResults.Error(StatusCodes.Status429TooManyRequests, refusal);
        }

        // From here on the team's storage is reached only through its prefixes, with links resolved.
        var scope = new StorageScope
        {
            Read = team.InputPrefixes.Select(p => p.Configured).ToList(),
            Write = team.OutputPrefixes.Select(p => p.Configured).ToList(),
        };
        var storage = store.ConfinedTo(new StorageGrant(scope.Read, scope.Write));
        try
        {
            var problems = await JobAdmission.CheckAsync(storage, spec, limits, ct);
            if (problems.Count > 0)
            {
                log.SpecRejected(team.Name, problems.Count);
                return ApiResults.Json(new SpecErrorResponse("invalid job specification", problems), StatusCodes.Status400BadRequest);
            }
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.AccessDenied)
        {
            log.AccessDenied(team.Name, e.Message);
            return ApiResults.Error(StatusCodes.Status403Forbidden, e.Message);
        }
        catch (StorageException e)
        {
            log.SpecRejected(team.Name, 1);
            return ApiResults.Json(new SpecErrorResponse("invalid job specification", [e.Message]), StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow();
        var jobId = JobIds.Create(spec.Name, now);
        OutputClaimResult claim;
        try
        {
            claim = await OutputClaim.TryAcquireAsync(storage, spec.Output, jobId, holder => jobs.IsFinishedAsync(holder), ct);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.AccessDenied)
        {
            log.AccessDenied(team.Name, e.Message);
            return ApiResults.Error(StatusCodes.Status403Forbidden, e.Message);
        }

        if (!claim.IsAcquired)
        {
            log.OutputInUse(team.Name, spec.Output, claim.HeldBy ?? "");
            return ApiResults.Error(StatusCodes.Status409Conflict, claim.Describe(spec.Output));
        }

        JobStatus status;
        try
        {
            status = await jobs.Coordinator(jobId).SubmitAsync(new JobSubmission
            {
                JobId = jobId,
                Team = team.Name,
                Spec = spec,
                SubmittedUtc = now,
                Scope = scope,
                TeamWeight = team.Quota.Weight,
            });
        }
        catch
        {
            await OutputClaim.ReleaseAsync(storage, spec.Output, jobId, CancellationToken.None);
            throw;
        }

        log.JobSubmitted(team.Name, jobId, spec.Name);
        context.Response.Headers.Location = $"{context.Request.PathBase}{BasePath}/{Uri.EscapeDataString(jobId)}";
        return ApiResults.Json(status, StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> ListAsync(HttpContext context, JobDirectory jobs, int? limit)
    {
        var team = context.GetTeam();
        if (limit is < 1 or > MaxListLimit)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"limit must be between 1 and {MaxListLimit}");
        }

        var entries = await jobs.ListAsync(team.Name);
        var statuses = await Task.WhenAll(entries.Take(limit ?? DefaultListLimit).Select(e => jobs.Coordinator(e.JobId).GetStatusAsync()));
        return ApiResults.Json(new JobListResponse(statuses));
    }

    public static async Task<IResult> GetAsync(HttpContext context, JobDirectory jobs, string id)
    {
        var status = await OwnedStatusAsync(context, jobs, id);
        return status is null ? ApiResults.NotFound(id) : ApiResults.Json(status);
    }

    public static async Task<IResult> CancelAsync(HttpContext context, JobDirectory jobs, ILoggerFactory loggers, string id, string? reason)
    {
        var team = context.GetTeam();
        if (await OwnedStatusAsync(context, jobs, id) is null)
        {
            return ApiResults.NotFound(id);
        }

        var why = string.IsNullOrWhiteSpace(reason) ? $"cancelled by team {team.Name} through the API" : reason.Trim();
        if (why.Length > 500)
        {
            why = why[..500];
        }

        var status = await jobs.Coordinator(id).CancelAsync(why);
        loggers.CreateLogger(ApiLog.Category).JobCancelled(team.Name, id, why);
        return ApiResults.Json(status);
    }

    public static async Task<IResult> ReportAsync(HttpContext context, JobDirectory jobs, IObjectStore store, ILoggerFactory loggers, string id)
    {
        var status = await OwnedStatusAsync(context, jobs, id);
        if (status is null)
        {
            return ApiResults.NotFound(id);
        }

        if (string.IsNullOrEmpty(status.Output))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, $"job '{id}' has no report yet");
        }

        var uri = JobPaths.Report(status.Output);
        try
        {
            if (await store.GetAsync(uri, context.RequestAborted) is null)
            {
                return ApiResults.Error(StatusCodes.Status404NotFound, $"job '{id}' has no report yet");
            }

            var stream = await store.OpenReadAsync(uri, context.RequestAborted);
            return Results.Stream(stream, "text/html; charset=utf-8");
        }
        catch (StorageException e) when (e.Kind is StorageErrorKind.NotFound or StorageErrorKind.ContainerNotFound)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, $"job '{id}' has no report yet");
        }
        catch (StorageException e)
        {
            loggers.CreateLogger(ApiLog.Category).ReportUnreadable(id, e);
            return ApiResults.Error(StatusCodes.Status502BadGateway, $"cannot read the report of job '{id}': {e.Message}");
        }
    }

    public static async Task<IResult> EventsAsync(
        HttpContext context, JobDirectory jobs, IJobEventSource source, IHostApplicationLifetime lifetime, ILoggerFactory loggers, string id)
    {
        // Ends when the client leaves, and when the host stops (clients then poll, or reconnect to another silo).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        if (await OwnedStatusAsync(context, jobs, id) is null)
        {
            return ApiResults.NotFound(id);
        }

        var channel = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        IAsyncDisposable? subscription = null;
        try
        {
            try
            {
                subscription = await source.SubscribeAsync(id, channel.Writer, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                loggers.CreateLogger(ApiLog.Category).EventStreamUnavailable(id, e);
                channel.Writer.TryComplete();
            }

            // Read after subscribing, so no change falls between the two.
            var coordinator = jobs.Coordinator(id);
            var status = await coordinator.GetStatusAsync();
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await JobEventPump.RunAsync(
                status,
                channel.Reader,
                async (text, token) =>
                {
                    await response.WriteAsync(text, token);
                    await response.Body.FlushAsync(token);
                },
                coordinator.GetStatusAsync,
                EventPumpTimings.Default,
                ct);
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away, or the host is stopping.
        }
        finally
        {
            channel.Writer.TryComplete();
            if (subscription is not null)
            {
                try
                {
                    await subscription.DisposeAsync();
                }
                catch (Exception e)
                {
                    loggers.CreateLogger(ApiLog.Category).UnsubscribeFailed(id, e);
                }
            }
        }

        return Results.Empty;
    }

    internal static async Task<JobStatus?> OwnedStatusAsync(HttpContext context, JobDirectory jobs, string id)
    {
        var team = context.GetTeam();
        if (await jobs.FindAsync(team.Name, id) is null)
        {
            return null;
        }

        var status = await jobs.Coordinator(id).GetStatusAsync();
        return status.Team.Length > 0 && !string.Equals(status.Team, team.Name, StringComparison.Ordinal) ? null : status;
    }
}
