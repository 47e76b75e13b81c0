using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Lamdas.Api.Dashboard;

/// <summary>The dashboard's page, style sheet and script, embedded in this assembly and read once.</summary>
internal static class DashboardAssets
{
    public const string Page = "index.html";
    public const string Style = "dashboard.css";
    public const string Script = "dashboard.js";

    private const string ResourcePrefix = "Lamdas.Api.Dashboard.Assets.";

    private static readonly Lazy<FrozenDictionary<string, DashboardAsset>> All = new(Load);

    public static DashboardAsset Get(string name) =>
        All.Value.TryGetValue(name, out var asset) ? asset : throw new InvalidOperationException($"no dashboard asset '{name}'");

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var (name, type) in new[]
        {
            (Page, "text/html; charset=utf-8"),
            (Style, "text/css; charset=utf-8"),
            (Script, "text/javascript; charset=utf-8"),
        })
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"the dashboard resource {ResourcePrefix}{name} is missing from {assembly.GetName().Name}");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"";
            assets[name] = new DashboardAsset(content, type, etag, name == Page);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>One embedded file of the dashboard.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag, bool IsPage);
