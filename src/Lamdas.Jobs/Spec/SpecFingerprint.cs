using System.Security.Cryptography;
using System.Text;

namespace Lamdas.Jobs.Spec;

/// <summary>A short, stable name for one version of a validated spec: the hash of its canonical JSON.</summary>
public static class SpecFingerprint
{
    public static string Of(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JobSpecParser.ToJson(spec)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
