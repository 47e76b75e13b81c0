using Microsoft.AspNetCore.Http;

namespace Lamdas.Api.Responses;

/// <summary>JSON results written with <see cref="LamdasApiJson.Options"/>.</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, LamdasApiJson.Options, statusCode: statusCode);

    public static IResult Error(int statusCode, string message) => Json(new ErrorResponse(message), statusCode);

    public static IResult NotFound(string jobId) => Error(StatusCodes.Status404NotFound, $"job '{jobId}' not found");
}
