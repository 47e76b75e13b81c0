namespace Lamdas.Api.Responses;

/// <summary>400 for an invalid job specification: every problem with its path.</summary>
/// <param name="Error">A summary line.</param>
/// <param name="Errors">Each problem, e.g. <c>selection.tau must be &gt; 0</c>.</param>
public sealed record SpecErrorResponse(string Error, IReadOnlyList<string> Errors);
