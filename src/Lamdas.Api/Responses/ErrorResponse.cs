namespace Lamdas.Api.Responses;

/// <summary>The body of every error response: <c>{"error": "…"}</c>.</summary>
/// <param name="Error">What went wrong, for a person to read.</param>
public sealed record ErrorResponse(string Error);
