using Lamdas.Api.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lamdas.Api.Teams;

/// <summary>Authenticates the request's API key against the configured teams; 401 JSON error when it is missing or unknown.</summary>
public sealed class TeamAuthenticationFilter(TeamDirectory teams, ILoggerFactory loggers) : IEndpointFilter
{
    private readonly ILogger _log = loggers.CreateLogger(ApiLog.Category);

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var key = ApiKeyReader.Read(http.Request.Headers);
        var team = teams.Authenticate(key);
        if (team is null)
        {
            var reason = key is null ? "no API key" : "unknown API key";
            _log.AuthenticationFailed(http.Request.Method, http.Request.Path.Value ?? "", http.Connection.RemoteIpAddress?.ToString(), reason);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiResults.Error(StatusCodes.Status401Unauthorized, key is null
                ? $"missing API key: send 'Authorization: Bearer KEY' or '{ApiKeyReader.ApiKeyHeader}: KEY'"
                : "unknown API key");
        }

        http.SetTeam(team);
        return await next(context);
    }
}
