using Lamdas.Api.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lamdas.Api;

/// <summary>Turns an unexpected exception into a 500 JSON error (unless the response has started or the client left).</summary>
internal sealed class ApiExceptionFilter(ILoggerFactory loggers) : IEndpointFilter
{
    private readonly ILogger _log = loggers.CreateLogger(ApiLog.Category);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            _log.RequestFailed(http.Request.Method, http.Request.Path.Value ?? "", e);
            return ApiResults.Error(StatusCodes.Status500InternalServerError, $"internal error ({e.GetType().Name}): {e.Message}");
        }
    }
}
