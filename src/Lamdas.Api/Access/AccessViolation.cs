namespace Lamdas.Api.Access;

/// <summary>A spec field naming storage the team may not use.</summary>
/// <param name="Field">The spec field, e.g. <c>input</c> or <c>prefix.reference</c>.</param>
/// <param name="Value">The URI the spec gave.</param>
/// <param name="Reason">Why it is refused.</param>
/// <param name="AllowedPrefixes">The prefixes the team may use for that field.</param>
public sealed record AccessViolation(string Field, string Value, string Reason, IReadOnlyList<string> AllowedPrefixes);
