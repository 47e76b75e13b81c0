using Lamdas.Api.Access;

namespace Lamdas.Api.Responses;

/// <summary>403 for a spec naming storage outside the team's prefixes.</summary>
/// <param name="Error">The first violation, for a person to read.</param>
/// <param name="Field">The first offending spec field.</param>
/// <param name="AllowedPrefixes">The prefixes allowed for that field.</param>
/// <param name="Violations">Every offending field.</param>
public sealed record AccessDeniedResponse(string Error, string Field, IReadOnlyList<string> AllowedPrefixes, IReadOnlyList<AccessViolation> Violations);
