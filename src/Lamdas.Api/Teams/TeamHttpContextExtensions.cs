using Microsoft.AspNetCore.Http;

namespace Lamdas.Api.Teams;

/// <summary>The authenticated team of a request, set by <see cref="TeamAuthenticationFilter"/>.</summary>
public static class TeamHttpContextExtensions
{
    private static readonly object Key = new();

    /// <summary>The request's team; throws when the endpoint is not behind the authentication filter.</summary>
    public static Team GetTeam(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var team) && team is Team t
            ? t
            : throw new InvalidOperationException("the request has no authenticated team (the endpoint is not behind TeamAuthenticationFilter)");
    }

    internal static void SetTeam(this HttpContext context, Team team) => context.Items[Key] = team;
}
