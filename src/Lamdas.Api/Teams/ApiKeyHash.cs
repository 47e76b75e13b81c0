using System.Security.Cryptography;
using System.Text;

namespace Lamdas.Api.Teams;

/// <summary>How API keys are stored: the lowercase hex SHA-256 of the key's UTF-8 bytes (what <c>lamdas hash-key</c> prints).</summary>
public static class ApiKeyHash
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="key"/>.</summary>
    public static string Hex(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(Bytes(key));
    }

    /// <summary>The SHA-256 of <paramref name="key"/>'s UTF-8 bytes.</summary>
    public static byte[] Bytes(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Reads a configured hash: 64 hex digits (either case, surrounding blanks ignored); null when malformed.</summary>
    public static byte[]? TryParse(string? hex)
    {
        var trimmed = hex?.Trim();
        if (trimmed is null || trimmed.Length != SHA256.HashSizeInBytes * 2 || !trimmed.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return Convert.FromHexString(trimmed);
    }
}
