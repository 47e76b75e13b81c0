using Microsoft.AspNetCore.Http;

namespace Lamdas.Api.Teams;

/// <summary>Reads the API key of a request: <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>.</summary>
public static class ApiKeyReader
{
    /// <summary>The header that may carry the key instead of <c>Authorization</c>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The key, or null when the request carries none.</summary>
    public static string? Read(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var value in headers.Authorization)
        {
            const string bearer = "Bearer ";
            if (value is not null && value.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            {
                var key = value[bearer.Length..].Trim();
                if (key.Length > 0)
                {
                    return key;
                }
            }
        }

        foreach (var value in headers[ApiKeyHeader])
        {
            var key = value?.Trim();
            if (!string.IsNullOrEmpty(key))
            {
                return key;
            }
        }

        return null;
    }
}
