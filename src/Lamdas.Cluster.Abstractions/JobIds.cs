using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lamdas.Cluster;

/// <summary>Job ids, for the API and the embedded runner alike: <c>{spec name sanitized}-{yyyyMMddHHmmss}-{6 random hex}</c>.</summary>
public static class JobIds
{
    private const int MaxNameLength = 48;

    /// <summary>A new id for a job named <paramref name="name"/> submitted at <paramref name="submittedUtc"/>.</summary>
    public static string Create(string name, DateTimeOffset submittedUtc) =>
        $"{Sanitize(name)}-{submittedUtc.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";

    /// <summary>Lowercase letters, digits and single dashes, at most 48 characters; <c>job</c> when nothing is left.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(Math.Min(name?.Length ?? 0, MaxNameLength));
        foreach (var c in name ?? "")
        {
            if (builder.Length >= MaxNameLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var sanitized = builder.ToString().Trim('-');
        return sanitized.Length == 0 ? "job" : sanitized;
    }

    /// <summary>True for strings that can be job ids (so a lookup of anything else fails fast).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 200 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
